import type { Admin } from 'kafkajs';
import { SluiceError } from '../errors/index.js';
import type { CommittedOffset, LogBounds } from './log-bounds.js';
import { decodeOffsetsMetadata, offsetsCarrierGroup } from './offsets-in-metadata.js';
import { TopicPartitionMap } from './topic-partition.js';

// The admin calls behind the pure resolvers. One request per topic; kafkajs answers offsets as strings.

export async function fetchLogBounds(admin: Admin, topics: readonly string[]): Promise<TopicPartitionMap<LogBounds>> {
  const bounds = new TopicPartitionMap<LogBounds>();
  const perTopic = await Promise.all(
    topics.map(async (topic) => ({ topic, offsets: await topicOffsets(admin, topic) })),
  );
  for (const { topic, offsets } of perTopic) {
    for (const o of offsets)
      bounds.set({ topic, partition: o.partition }, { start: Number(o.low), end: Number(o.high) });
  }
  return bounds;
}

/**
 * kafkajs 2.2.4's fetchTopicOffsets throws a TypeError ("Cannot destructure property 'partitions'")
 * when a partition has no leader yet (a topic just created, or a leader election under way): its
 * ListOffsets answer then has no entry for the topic. That is the leader-election case, so wait and
 * ask again, then give up with a retriable error that says so.
 */
const LEADERLESS_ATTEMPTS = 8;
const LEADERLESS_DELAY_MS = 250;

export async function topicOffsets(admin: Admin, topic: string): ReturnType<Admin['fetchTopicOffsets']> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await admin.fetchTopicOffsets(topic);
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      if (attempt >= LEADERLESS_ATTEMPTS) {
        throw new SluiceError(`cannot read the log bounds of "${topic}": a partition has no leader`, {
          hintId: 'leader-election',
          retriable: true,
          cause: error,
          details: { topic },
        });
      }
      await new Promise((resolve) => setTimeout(resolve, LEADERLESS_DELAY_MS * attempt));
    }
  }
}

/**
 * A broker creating __consumer_offsets (its first group request ever) or a coordinator moving to
 * another broker answers these for a few seconds; kafkajs's admin passes them on. Ask again.
 */
const COORDINATOR_MOVING = new Set(['NOT_COORDINATOR', 'COORDINATOR_NOT_AVAILABLE', 'COORDINATOR_LOAD_IN_PROGRESS']);
const COORDINATOR_ATTEMPTS = 10;
const COORDINATOR_DELAY_MS = 200;

export async function whileCoordinatorMoves<T>(request: () => Promise<T>, delayMs = COORDINATOR_DELAY_MS): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      const type = (error as { type?: unknown }).type;
      if (typeof type !== 'string' || !COORDINATOR_MOVING.has(type) || attempt >= COORDINATOR_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, delayMs * attempt));
    }
  }
}

/** Only partitions with a committed offset are in the result (Kafka answers -1 for the others). */
export async function fetchCommittedOffsets(
  admin: Admin,
  groupId: string,
  topics: readonly string[],
): Promise<TopicPartitionMap<CommittedOffset>> {
  const committed = new TopicPartitionMap<CommittedOffset>();
  if (topics.length === 0) return committed;
  const response = await whileCoordinatorMoves(() => admin.fetchOffsets({ groupId, topics: [...topics] }));
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
