import { describe, expect, it } from 'vitest';
import { parseJobSpec } from './index.js';
import { re2Problem } from './re2.js';
import { compileTopicPattern } from './topic-pattern.js';

const NESTED = '(a+)+$';
const LONG_NAME = `${'a'.repeat(41)}b`;

describe('topic patterns (RE2 semantics)', () => {
  it('matches a nested quantifier against a long near-miss name without backtracking', () => {
    const pattern = compileTopicPattern(NESTED);
    // A backtracking engine takes 2^41 steps here; RE2 answers in one pass.
    expect(pattern.matches(LONG_NAME)).toBe(false);
    expect(pattern.matches('a'.repeat(41))).toBe(true);
  });

  it('matches whole names only, as Java Pattern.matcher(topic).matches()', () => {
    const pattern = compileTopicPattern('metrics-[a-z]+');
    expect(pattern.matches('metrics-cpu')).toBe(true);
    expect(pattern.matches('metrics-cpu2')).toBe(false);
    expect(pattern.matches('xmetrics-cpu')).toBe(false);
    expect(compileTopicPattern('a|b').matches('ab')).toBe(false);
    expect(compileTopicPattern('a|b').matches('b')).toBe(true);
  });

  it.each([
    ['(a)\\1', /backreferences are not supported/],
    ['(?=a)a', /lookarounds are not supported/],
    ['(?!a)b', /lookarounds are not supported/],
    ['(?<=a)b', /lookarounds are not supported/],
    ['(?<!a)b', /lookarounds are not supported/],
    ['(', /missing closing \)/],
  ])('refuses %s and names why', (source, reason) => {
    expect(re2Problem(source)).toMatch(reason);
    expect(() => compileTopicPattern(source)).toThrow(reason);
  });

  it('takes an escaped backslash or parenthesis for what it is', () => {
    expect(re2Problem('a\\\\1')).toBeUndefined();
    expect(re2Problem('\\(?=x\\)')).toBeUndefined();
    expect(re2Problem('[(?=]')).toBeUndefined();
  });

  it('validation refuses patterns RE2 cannot run, at source.topicPattern', () => {
    const spec = (topicPattern: string) => ({
      version: 1,
      name: 'p',
      source: { cluster: { bootstrapServers: ['broker:9092'] }, topicPattern, groupId: 'g' },
      sink: { type: 'kafka', topic: 'out' },
    });
    const parsed = parseJobSpec(spec('(?<!x)orders'));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => p.path)).toEqual(['source.topicPattern']);
    expect(parsed.problems[0]!.message).toMatch(/^invalid regular expression \(RE2 syntax\): lookarounds/);
    expect(parseJobSpec(spec(NESTED)).ok).toBe(true);
  });
});
