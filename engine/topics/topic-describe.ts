import type { Admin } from 'kafkajs';
import { TopicRefusedError } from './topic-refusal.js';

export interface TopicPartitionDetail {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
  logStartOffset: number;
  logEndOffset: number;
}

/** A topic as `kafka-topics --describe` shows it, plus each partition's log start and end. */
export interface TopicDescription {
  topic: string;
  partitions: TopicPartitionDetail[];
  /** The replica count of partition 0 (Kafka keeps it the same for every partition unless reassigned). */
  replicationFactor: number;
}

export async function topicExists(admin: Admin, topic: string): Promise<boolean> {
  return (await admin.listTopics()).includes(topic);
}

/** Refused with a problem on `path` when the topic is not there, so a form can show it in place. */
export async function requireTopic(admin: Admin, topic: string, path = 'topic'): Promise<void> {
  if (!(await topicExists(admin, topic))) {
    throw new TopicRefusedError(topic, [{ path, message: `no topic named "${topic}" on this cluster` }]);
  }
}

export async function describeTopic(admin: Admin, topic: string): Promise<TopicDescription> {
  await requireTopic(admin, topic);
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  const bounds = new Map((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, o]));
  const partitions = (topics[0]?.partitions ?? [])
    .map((p) => ({
      partition: p.partitionId,
      leader: p.leader,
      replicas: [...p.replicas],
      isr: [...p.isr],
      logStartOffset: Number(bounds.get(p.partitionId)?.low ?? 0),
      logEndOffset: Number(bounds.get(p.partitionId)?.high ?? 0),
    }))
    .sort((a, b) => a.partition - b.partition);
  return { topic, partitions, replicationFactor: partitions[0]?.replicas.length ?? 0 };
}

/**
 * After a topic was created or extended, until every partition answers for its offsets: for a
 * moment the metadata may already name a leader that still answers "not the leader". Gives up
 * after `waitMs` and lets the describe that follows report what it finds.
 */
export async function awaitPartitionLeaders(
  admin: Admin,
  topic: string,
  count: number,
  waitMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    try {
      if ((await admin.fetchTopicOffsets(topic)).length >= count) return;
    } catch (error) {
      if ((error as { retriable?: unknown }).retriable !== true) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
