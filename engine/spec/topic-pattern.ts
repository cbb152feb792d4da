import { RE2JS } from 're2js';

/**
 * A compiled `source.topicPattern`. It runs on RE2 (re2js), in time linear in the topic name, so
 * no pattern can stall a job or lint with catastrophic backtracking. A topic matches when its
 * whole name matches, as Java's `Pattern.matcher(topic).matches()` in Kafka and Flink.
 */
export interface TopicPattern {
  readonly source: string;
  matches(topic: string): boolean;
}

// RE2 refuses these by design (they need backtracking); its parser's own words are less plain.
const UNSUPPORTED: readonly [RegExp, string][] = [
  [/\(\?<?[=!]/, 'lookarounds are not supported'],
  [/\\[1-9]|\\k</, 'backreferences are not supported'],
];

/** Why RE2 cannot run `source`, or undefined when it can. */
export function topicPatternProblem(source: string): string | undefined {
  try {
    RE2JS.compile(source);
    return undefined;
  } catch (error) {
    const reason = (error as Error).message.replace(/^error parsing regexp: /, '');
    const plain = UNSUPPORTED.find(([syntax]) => syntax.test(source))?.[1];
    return plain === undefined ? reason : `${plain} (${reason})`;
  }
}

export function compileTopicPattern(source: string): TopicPattern {
  const problem = topicPatternProblem(source);
  if (problem !== undefined) throw new Error(`invalid regular expression (RE2 syntax): ${problem}`);
  const compiled = RE2JS.compile(source);
  return { source, matches: (topic) => compiled.matches(topic) };
}
