import type { Kafka } from 'kafkajs';
import { readWithThrowawayGroup } from '../offsets/throwaway-read.js';
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
  const wanted = new Map(targets.map((t) => [tpKey(t.topic, t.partition), t.offset]));
  await readWithThrowawayGroup(kafka, {
    groupPrefix: 'sluice-report',
    from: targets,
    timeoutMs: options.timeoutMs ?? 15_000,
    consumer: { maxBytesPerPartition: 64 * 1024 },
    eachMessage: ({ topic, partition, message, pause }, done) => {
      const key = tpKey(topic, partition);
      const offset = wanted.get(key);
      if (offset === undefined || found.has(key) || Number(message.offset) < offset) return;
      found.set(key, Number(message.timestamp));
      pause();
      if (found.size === wanted.size) done();
    },
  });
  return found;
}
