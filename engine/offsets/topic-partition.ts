export interface TopicPartition {
  topic: string;
  partition: number;
}

export interface TopicPartitionOffset extends TopicPartition {
  /** The next offset to read (Kafka's committed-offset convention). */
  offset: number;
}

/** Kafka topic names cannot contain "/", so it separates topic and partition unambiguously. */
export function tpKey(topic: string, partition: number): string {
  return `${topic}/${partition}`;
}

export function describeTp(tp: TopicPartition): string {
  return `${tp.topic}[${tp.partition}]`;
}

export function compareTp(a: TopicPartition, b: TopicPartition): number {
  return a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition;
}

/** A map keyed by topic and partition that keeps insertion order and hands back the keys as values. */
export class TopicPartitionMap<V> {
  readonly #entries = new Map<string, { tp: TopicPartition; value: V }>();

  static from<V>(entries: Iterable<readonly [TopicPartition, V]>): TopicPartitionMap<V> {
    const map = new TopicPartitionMap<V>();
    for (const [tp, value] of entries) map.set(tp, value);
    return map;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(tp: TopicPartition): V | undefined {
    return this.#entries.get(tpKey(tp.topic, tp.partition))?.value;
  }

  has(tp: TopicPartition): boolean {
    return this.#entries.has(tpKey(tp.topic, tp.partition));
  }

  set(tp: TopicPartition, value: V): this {
    this.#entries.set(tpKey(tp.topic, tp.partition), { tp: { topic: tp.topic, partition: tp.partition }, value });
    return this;
  }

  delete(tp: TopicPartition): boolean {
    return this.#entries.delete(tpKey(tp.topic, tp.partition));
  }

  *entries(): IterableIterator<[TopicPartition, V]> {
    for (const { tp, value } of this.#entries.values()) yield [tp, value];
  }

  *keys(): IterableIterator<TopicPartition> {
    for (const { tp } of this.#entries.values()) yield tp;
  }

  *values(): IterableIterator<V> {
    for (const { value } of this.#entries.values()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[TopicPartition, V]> {
    return this.entries();
  }

  /** Sorted by topic, then partition: stable output for checkpoints and reports. */
  toOffsets(this: TopicPartitionMap<number>): TopicPartitionOffset[] {
    return [...this.entries()].map(([tp, offset]) => ({ ...tp, offset })).sort(compareTp);
  }
}
