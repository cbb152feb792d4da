import { randomBytes } from 'node:crypto';
import type { ConsumerConfig, EachMessagePayload, Kafka } from 'kafkajs';
import type { TopicPartitionOffset } from './topic-partition.js';

export interface ThrowawayRead {
  /** Names the group in the broker's logs while it exists: `<prefix>-<random>`. */
  groupPrefix: string;
  /** Where each partition's read begins. */
  from: readonly TopicPartitionOffset[];
  /** Stop waiting then; what was not read by then stays unread. */
  timeoutMs: number;
  consumer?: Omit<ConsumerConfig, 'groupId'>;
  /** Each record read; call `done()` once everything wanted has arrived. A promise is awaited before the next record. */
  eachMessage(payload: EachMessagePayload, done: () => void): void | Promise<void>;
  /**
   * After each fetched batch, with its last offset, including batches that held only transaction
   * markers or aborted records (never handed to `eachMessage`): a range that ends on such a marker
   * is read to its end here, not left waiting for the timeout.
   */
  onBatchEnd?(batch: { topic: string; partition: number; lastOffset: number }, done: () => void): void;
}

/**
 * Reads from chosen offsets with a throwaway consumer group that commits nothing and is deleted
 * afterwards, so a look at the data (browsing, a report's record timestamps) leaves no trace.
 */
export async function readWithThrowawayGroup(kafka: Kafka, read: ThrowawayRead): Promise<void> {
  if (read.from.length === 0) return;
  const groupId = `${read.groupPrefix}-${randomBytes(6).toString('hex')}`;
  const consumer = kafka.consumer({ maxWaitTimeInMs: 250, allowAutoTopicCreation: false, ...read.consumer, groupId });
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const timer = setTimeout(done, read.timeoutMs);
  try {
    const onBatchEnd = read.onBatchEnd;
    if (onBatchEnd) {
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) =>
        onBatchEnd(
          { topic: payload.topic, partition: payload.partition, lastOffset: Number(payload.lastOffset) },
          done,
        ),
      );
    }
    await consumer.connect();
    await consumer.subscribe({ topics: [...new Set(read.from.map((t) => t.topic))] });
    await consumer.run({
      autoCommit: false,
      eachMessage: async (payload) => read.eachMessage(payload, done),
    });
    for (const t of read.from) consumer.seek({ topic: t.topic, partition: t.partition, offset: String(t.offset) });
    await finished;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => undefined);
    const admin = kafka.admin();
    await admin
      .connect()
      .then(() => admin.deleteGroups([groupId]))
      .catch(() => undefined)
      .finally(() => admin.disconnect());
  }
}
