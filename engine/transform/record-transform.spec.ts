import { describe, expect, it, vi } from 'vitest';
import { SluiceError } from '../errors/index.js';
import { RecordTransform, type TransformInput } from './record-transform.js';
import { DEFAULT_TRANSFORM_BUDGET, TransformBudgetError } from './transform-budget.js';

const input = (overrides: Partial<TransformInput> = {}): TransformInput => ({
  key: 'k1',
  value: { amount: 12, kind: 'order' },
  headers: { source: 'web' },
  timestamp: 1_700_000_000_000,
  topic: 'orders',
  partition: 2,
  offset: 41,
  ...overrides,
});

describe('RecordTransform', () => {
  it('is undefined when there is nothing to do', () => {
    expect(RecordTransform.compile(undefined)).toBeUndefined();
    expect(RecordTransform.compile({})).toBeUndefined();
  });

  it('filters on any field, dropping falsy and empty results', async () => {
    const t = RecordTransform.compile({ filter: 'value.amount > 10 and headers.source = "web" and partition = 2' })!;
    expect(await t.apply(input())).toEqual({ keep: true });
    expect(await t.apply(input({ value: { amount: 3 } }))).toEqual({ keep: false });
    const missing = RecordTransform.compile({ filter: 'value.nothing' })!;
    expect(await missing.apply(input())).toEqual({ keep: false });
  });

  it('maps to replacement fields and leaves the others out', async () => {
    const t = RecordTransform.compile({
      map: '{"value": {"id": key, "cents": value.amount * 100}, "headers": {"n": offset}, "timestamp": timestamp + 1}',
    })!;
    expect(await t.apply(input())).toEqual({
      keep: true,
      mapped: { value: { id: 'k1', cents: 1200 }, headers: { n: '41' }, timestamp: 1_700_000_000_001 },
    });
  });

  it('names the record when a map returns something that is not an object', async () => {
    const t = RecordTransform.compile({ map: 'value.amount' })!;
    await expect(t.apply(input())).rejects.toThrow(/transform\.map must return an object.*orders\[2\] at offset 41/);
  });

  it('names the record when an expression fails at run time', async () => {
    const t = RecordTransform.compile({ filter: '$number(value.kind) > 1' })!;
    await expect(t.apply(input())).rejects.toThrow(
      /transform\.filter failed on the record of orders\[2\] at offset 41/,
    );
  });

  it('rejects a timestamp that is not milliseconds', async () => {
    const t = RecordTransform.compile({ map: '{"timestamp": "soon"}' })!;
    await expect(t.apply(input())).rejects.toThrow(/timestamp "soon"/);
  });

  it('cannot reach JavaScript: $eval evaluates JSONata, where "process" is just a missing field', async () => {
    const t = RecordTransform.compile({ map: '{"value": $eval("process.pid"), "key": $string($eval("1 + 1"))}' })!;
    expect(await t.apply(input())).toEqual({ keep: true, mapped: { key: '2' } });
  });
});

describe('RecordTransform budget', () => {
  const RUNAWAY = '($f := function($x){$f($x)}; $f(1))';
  const DEEP = '($f := function($x){1 + $f($x)}; $f(1))';

  it.each([
    ['filter', { filter: RUNAWAY }, /ran past its time budget of 50 ms/],
    ['map', { map: RUNAWAY }, /ran past its time budget of 50 ms/],
    ['filter', { filter: DEEP }, /ran past its depth budget of 40/],
  ] as const)('stops a runaway %s with a transform-budget error naming the record', async (which, spec, reason) => {
    const t = RecordTransform.compile(spec, { timeoutMs: 50, maxDepth: 40 })!;
    const error = await t.apply(input()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TransformBudgetError);
    expect(error).toBeInstanceOf(SluiceError);
    const e = error as TransformBudgetError;
    expect(e.message).toMatch(reason);
    expect(e.message).toContain(`transform.${which} `);
    expect(e.message).toContain('the record of orders[2] at offset 41');
    expect(e).toMatchObject({ hintId: 'transform-budget', retriable: false });
    expect(e.details).toMatchObject({ topic: 'orders', partition: 2, offset: 41, expression: which });
    expect(typeof e.details!['position']).toBe('number');
  });

  it('has a budget by default', async () => {
    expect(DEFAULT_TRANSFORM_BUDGET).toEqual({ timeoutMs: 1000, maxDepth: 500 });
    const runaway = RecordTransform.compile({ filter: RUNAWAY })!;
    await expect(runaway.apply(input())).rejects.toBeInstanceOf(TransformBudgetError);
  });

  it('also stops a runaway inside $eval, which wraps the errors of what it evaluates', async () => {
    const t = RecordTransform.compile(
      { filter: `$eval(${JSON.stringify(RUNAWAY)})` },
      { timeoutMs: 50, maxDepth: 40 },
    )!;
    await expect(t.apply(input())).rejects.toThrow(TransformBudgetError);
  });

  it('gives each record a fresh budget', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const t = RecordTransform.compile({ filter: 'value.amount > 10' }, { timeoutMs: 1000, maxDepth: 500 })!;
      // Records far apart in time: a budget that carried over from the first would be spent.
      for (let i = 0; i < 3; i++) {
        expect(await t.apply(input({ offset: i }))).toEqual({ keep: true });
        vi.advanceTimersByTime(5_000);
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it('allows ordinary recursion within the depth budget', async () => {
    const t = RecordTransform.compile({
      map: '($fact := function($n){$n <= 1 ? 1 : $n * $fact($n - 1)}; {"value": $fact(10)})',
    })!;
    expect(await t.apply(input())).toEqual({ keep: true, mapped: { value: 3628800 } });
  });
});

describe('RecordTransform regular expressions', () => {
  const near = `${'a'.repeat(41)}b`;

  it('runs JSONata regexes on RE2: a nested quantifier on a long near-miss answers at once', async () => {
    // On a backtracking engine this one $match takes 2^41 steps, and no budget can interrupt it.
    const t = RecordTransform.compile({ filter: '$exists($match(value, /(a+)+$/))' })!;
    expect(await t.apply(input({ value: near }))).toEqual({ keep: false });
    expect(await t.apply(input({ value: `b${'a'.repeat(41)}` }))).toEqual({ keep: true });
  });

  it("keeps JavaScript's meaning of . and \\s: no line terminators, Unicode spaces", async () => {
    const t = RecordTransform.compile({
      map: '{"value": [$contains(value, /a.b/), $contains(value, /c\\sd/), $contains(value, /e\\Sf/), $contains(value, /[\\s]g/)]}',
    })!;
    expect(await t.apply(input({ value: 'a\rb c\u00a0d e\u2003f \u3000g' }))).toEqual({
      keep: true,
      mapped: { value: [false, true, false, true] },
    });
  });

  it('keeps JSONata regex behaviour: flags, groups, positions, replace and split', async () => {
    const t = RecordTransform.compile({
      map:
        '{"value": {' +
        '"m": $match(value, /(\\w)(\\d)/), ' +
        '"i": $contains(value, /ORDER/i), ' +
        '"r": $replace(value, /\\d+/, "#"), ' +
        '"s": $split(value, /[-_]/), ' +
        '"u": $match("ä€x", /x/).index}}',
    })!;
    // JSON: JSONata's result sequences carry extra properties.
    expect(JSON.parse(JSON.stringify(await t.apply(input({ value: 'order-a1_b22' }))))).toEqual({
      keep: true,
      mapped: {
        value: {
          m: [
            { match: 'a1', index: 6, groups: ['a', '1'] },
            { match: 'b2', index: 9, groups: ['b', '2'] },
          ],
          i: true,
          r: 'order-a#_b#',
          s: ['order', 'a1', 'b22'],
          u: 2,
        },
      },
    });
  });
});
