import type { TopicPartition } from '../offsets/topic-partition.js';
import type { FetchedBatch } from '../source/fetched-batch.js';

export interface QueuedBatch {
  batch: FetchedBatch;
  /** Where it was read: its partition number is the sink partition it goes to. */
  source: TopicPartition;
}

/**
 * Forwarded batches waiting to be sent, a queue per sink partition. A produce request takes one
 * batch per partition, so each request is a round: the oldest batch of every partition waiting.
 * Batches of a partition leave in the order they came.
 */
export class ForwardQueue {
  readonly #queues = new Map<number, QueuedBatch[]>();
  #bytes = 0;

  get bytes(): number {
    return this.#bytes;
  }

  get empty(): boolean {
    return this.#queues.size === 0;
  }

  push(entry: QueuedBatch): void {
    const queue = this.#queues.get(entry.source.partition);
    if (queue) queue.push(entry);
    else this.#queues.set(entry.source.partition, [entry]);
    this.#bytes += entry.batch.bytes.length;
  }

  /** The next request's batches: one per partition that has any. */
  takeRound(): QueuedBatch[] {
    const round: QueuedBatch[] = [];
    for (const [partition, queue] of this.#queues) {
      const entry = queue.shift()!;
      round.push(entry);
      this.#bytes -= entry.batch.bytes.length;
      if (queue.length === 0) this.#queues.delete(partition);
    }
    return round;
  }

  clear(): void {
    this.#queues.clear();
    this.#bytes = 0;
  }
}
