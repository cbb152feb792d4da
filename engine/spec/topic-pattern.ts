import { RE2JS } from 're2js';
import { re2Problem } from './re2.js';

/**
 * A compiled `source.topicPattern`. It runs on RE2 (re2js), in time linear in the topic name, so
 * no pattern can stall a job or lint with catastrophic backtracking. A topic matches when its
 * whole name matches, as Java's `Pattern.matcher(topic).matches()` in Kafka and Flink.
 */
export interface TopicPattern {
  readonly source: string;
  matches(topic: string): boolean;
}

export function compileTopicPattern(source: string): TopicPattern {
  const problem = re2Problem(source);
  if (problem !== undefined) throw new Error(`invalid regular expression (RE2 syntax): ${problem}`);
  const compiled = RE2JS.compile(source);
  return { source, matches: (topic) => compiled.matches(topic) };
}
