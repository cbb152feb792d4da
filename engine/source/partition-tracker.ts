import { reachedStop, stopOffsets, type StopPosition } from '../offsets/stop-position.js';
import { TopicPartitionMap, type TopicPartition, type TopicPartitionOffset } from '../offsets/topic-partition.js';

export interface PartitionPosition {
  /** The next offset to hand to the sink: the engine's truth, whatever the consumer group says. */
  next: number;
  /** Set for bounded jobs only. */
  stop: StopPosition | undefined;
  finished: boolean;
}

/**
 * The engine's own record of where each partition is. The consumer is told to seek here on every
 * assignment; checkpoints are a snapshot of it. Offsets only move forward.
 */
export class PartitionTracker {
  readonly #positions = new TopicPartitionMap<PartitionPosition>();

  constructor(readonly bounded: boolean) {}

  add(tp: TopicPartition, next: number, stop?: StopPosition): PartitionPosition {
    const position: PartitionPosition = { next, stop, finished: reachedStop(next, stop) };
    this.#positions.set(tp, position);
    return position;
  }

  get(tp: TopicPartition): PartitionPosition | undefined {
    return this.#positions.get(tp);
  }

  has(tp: TopicPartition): boolean {
    return this.#positions.has(tp);
  }

  /** Moves a partition forward; returns true when this call finished it. */
  advance(tp: TopicPartition, next: number): boolean {
    const position = this.#positions.get(tp);
    if (!position || next <= position.next) return false;
    const stopAt = position.stop?.kind === 'at' ? position.stop.offset : undefined;
    position.next = stopAt === undefined ? next : Math.min(next, stopAt);
    if (!position.finished && reachedStop(position.next, position.stop)) {
      position.finished = true;
      return true;
    }
    return false;
  }

  partitions(): TopicPartition[] {
    return [...this.#positions.keys()];
  }

  entries(): IterableIterator<[TopicPartition, PartitionPosition]> {
    return this.#positions.entries();
  }

  /** Next offsets of every partition, sorted: what a checkpoint stores. */
  snapshot(): TopicPartitionOffset[] {
    return TopicPartitionMap.from([...this.#positions].map(([tp, p]) => [tp, p.next] as const)).toOffsets();
  }

  /** Bounded jobs: the stop offsets of every partition that has one, sorted, for a checkpoint. */
  stops(): TopicPartitionOffset[] {
    return stopOffsets([...this.#positions].map(([tp, p]) => [tp, p.stop] as const));
  }

  /** A bounded job is done when every partition is; one with no partitions at all is done at once. */
  allFinished(): boolean {
    if (!this.bounded) return false;
    for (const position of this.#positions.values()) if (!position.finished) return false;
    return true;
  }
}
