import { compileTopicPattern, type SourceSpec, type TopicPattern } from '../spec/index.js';

// Kafka's own internal topics; a pattern consumer leaves them out (exclude.internal.topics).
const INTERNAL_TOPICS = new Set(['__consumer_offsets', '__transaction_state', '__cluster_metadata']);

/** Which topics a source reads: a fixed list, or every topic whose whole name matches the pattern. */
export class TopicSelection {
  readonly #list: readonly string[] | undefined;
  readonly #pattern: TopicPattern | undefined;
  readonly #exclude: ReadonlySet<string>;

  /** `exclude`: topics never read even if they match, e.g. the sink topic on the same cluster. */
  constructor(source: Pick<SourceSpec, 'topics' | 'topicPattern'>, exclude: readonly string[] = []) {
    this.#list = source.topics;
    this.#pattern = source.topicPattern === undefined ? undefined : compileTopicPattern(source.topicPattern);
    this.#exclude = new Set(exclude);
  }

  get isPattern(): boolean {
    return this.#pattern !== undefined;
  }

  /** The fixed list (pattern jobs: undefined). */
  get listed(): readonly string[] | undefined {
    return this.#list;
  }

  matches(topic: string): boolean {
    if (this.#list) return this.#list.includes(topic);
    return !INTERNAL_TOPICS.has(topic) && !this.#exclude.has(topic) && this.#pattern!.matches(topic);
  }

  /** The topics to read among those that exist, sorted. */
  select(existing: readonly string[]): string[] {
    return existing.filter((t) => this.matches(t)).sort();
  }

  /** Pattern topics the exclusion hid: worth a warning (a job would otherwise read its own output). */
  excludedMatches(existing: readonly string[]): string[] {
    if (!this.#pattern) return [];
    return existing.filter((t) => this.#exclude.has(t) && this.#pattern!.matches(t));
  }
}
