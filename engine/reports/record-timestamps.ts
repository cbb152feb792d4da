import { randomBytes } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { tpKey, type TopicPartitionOffset } from '../offsets/topic-partition.js';

export interface TimestampFetchOptions {
  /** Give up on partitions not answered by then; they stay unknown. */
  timeoutMs?: number;
}

/**
 * The timestamp of the record at each offset (or the first after it, where compaction removed
 * it), read with one bounded fetch per partition by a throwaway group that commits nothing and is
 * deleted afterwards. Only ask for offsets below the log end: there is no record there yet.
 * Partitions that do not answer in time are missing from the result: the report says "unknown".
 */
export async function fetchTimestampsAt(
  kafka: Kafka,
  targets: readonly TopicPartitionOffset[],
  options: TimestampFetchOptions = {},
): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  if (targets.length === 0) return found;
  const wanted = new Map(targets.map((t) => [tpKey(t.topic, t.partition), t.offset]));
  const groupId = `sluice-report-${randomBytes(6).toString('hex')}`;
  const consumer = kafka.consumer({
    groupId,
    maxWaitTimeInMs: 250,
    maxBytesPerPartition: 64 * 1024,
    allowAutoTopicCreation: false,
  });
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const timer = setTimeout(finish, options.timeoutMs ?? 15_000);
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [...new Set(targets.map((t) => t.topic))] });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        const key = tpKey(topic, partition);
        const offset = wanted.get(key);
        if (offset === undefined || found.has(key) || Number(message.offset) < offset) return;
        found.set(key, Number(message.timestamp));
        consumer.pause([{ topic, partitions: [partition] }]);
        if (found.size === wanted.size) finish();
      },
    });
    for (const t of targets) consumer.seek({ topic: t.topic, partition: t.partition, offset: String(t.offset) });
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
  return found;
}
