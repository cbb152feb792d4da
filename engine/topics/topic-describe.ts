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
