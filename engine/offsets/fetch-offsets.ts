import type { Admin } from 'kafkajs';
import type { CommittedOffset, LogBounds } from './log-bounds.js';
import { decodeOffsetsMetadata, offsetsCarrierGroup } from './offsets-in-metadata.js';
import { TopicPartitionMap } from './topic-partition.js';

// The admin calls behind the pure resolvers. One request per topic; kafkajs answers offsets as strings.

export async function fetchLogBounds(admin: Admin, topics: readonly string[]): Promise<TopicPartitionMap<LogBounds>> {
  const bounds = new TopicPartitionMap<LogBounds>();
  const perTopic = await Promise.all(
    topics.map(async (topic) => ({ topic, offsets: await admin.fetchTopicOffsets(topic) })),
  );
  for (const { topic, offsets } of perTopic) {
    for (const o of offsets)
      bounds.set({ topic, partition: o.partition }, { start: Number(o.low), end: Number(o.high) });
  }
  return bounds;
}

/** Only partitions with a committed offset are in the result (Kafka answers -1 for the others). */
export async function fetchCommittedOffsets(
  admin: Admin,
  groupId: string,
  topics: readonly string[],
): Promise<TopicPartitionMap<CommittedOffset>> {
  const committed = new TopicPartitionMap<CommittedOffset>();
  if (topics.length === 0) return committed;
  const response = await admin.fetchOffsets({ groupId, topics: [...topics] });
  for (const { topic, partitions } of response) {
    for (const p of partitions) {
      const offset = Number(p.offset);
      if (Number.isSafeInteger(offset) && offset >= 0) {
        committed.set({ topic, partition: p.partition }, { offset, metadata: p.metadata ?? null });
      }
    }
  }
  return committed;
}

/**
 * The first offset whose timestamp is >= `timestamp`, per partition. kafkajs substitutes the end
 * offset where no such record exists; those partitions are left out so the resolvers decide.
 */
export async function fetchTimestampOffsets(
  admin: Admin,
  topics: readonly string[],
  timestamp: number,
  bounds: TopicPartitionMap<LogBounds>,
): Promise<TopicPartitionMap<number>> {
  const found = new TopicPartitionMap<number>();
  const perTopic = await Promise.all(
    topics.map(async (topic) => ({ topic, offsets: await admin.fetchTopicOffsetsByTimestamp(topic, timestamp) })),
  );
  for (const { topic, offsets } of perTopic) {
    for (const o of offsets) {
      const tp = { topic, partition: o.partition };
      const offset = Number(o.offset);
      const end = bounds.get(tp)?.end;
      if (offset >= 0 && (end === undefined || offset < end)) found.set(tp, offset);
    }
  }
  return found;
}

/** Source offsets a cross-cluster transaction carried in commit metadata (see offsets-in-metadata.ts). */
export async function fetchCarriedOffsets(
  sinkAdmin: Admin,
  groupId: string,
  sinkTopic: string,
): Promise<TopicPartitionMap<CommittedOffset>> {
  const response = await sinkAdmin.fetchOffsets({ groupId: offsetsCarrierGroup(groupId), topics: [sinkTopic] });
  return decodeOffsetsMetadata(response.flatMap((t) => t.partitions.map((p) => p.metadata ?? null)));
}
