import { Partitioners, type Message, type PartitionMetadata, type RecordMetadata } from 'kafkajs';

/**
 * The sink picks each message's partition itself, with kafkajs's DefaultPartitioner (the Java
 * client's murmur2 for keyed records, round-robin otherwise), instead of leaving it to the producer.
 * Knowing the partitions lets the sink check that every one of them was acknowledged: kafkajs 2.2.4
 * resolves a send() without writing a partition whose leader moved, during the send, to a broker
 * that had already answered for other partitions (seen in the failover test during leader elections).
 */
export class SinkPartitioner {
  readonly #partitioner = Partitioners.DefaultPartitioner();
  #metadata: PartitionMetadata[] = [];

  constructor(
    readonly topic: string,
    partitionCount: number,
  ) {
    this.resize(partitionCount);
  }

  get partitionCount(): number {
    return this.#metadata.length;
  }

  resize(partitionCount: number): void {
    // Leaders are not needed to place a record; any non-negative id marks the partition available.
    this.#metadata = Array.from({ length: partitionCount }, (_, partitionId) => ({
      partitionId,
      leader: 0,
      partitionErrorCode: 0,
      replicas: [],
      isr: [],
    }));
  }

  /** Sets `partition` on every message that has none. */
  assign(messages: Message[]): void {
    for (const message of messages) {
      if (message.partition !== undefined) continue;
      message.partition = this.#partitioner({
        topic: this.topic,
        partitionMetadata: this.#metadata,
        message,
      });
    }
  }
}

/** The messages whose partition the broker acknowledgements do not cover. */
export function unacknowledged(messages: readonly Message[], acknowledged: readonly RecordMetadata[]): Message[] {
  const written = new Set(acknowledged.map((m) => m.partition));
  return messages.filter((m) => !written.has(m.partition!));
}
