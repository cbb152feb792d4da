import type { Admin } from 'kafkajs';
import type { TopicPartition } from '../offsets/topic-partition.js';
import type { TopicSelection } from './topic-selection.js';

export interface DiscoveryResult {
  /** Matching topics now on the cluster, sorted. */
  topics: string[];
  /** Every partition of those topics. */
  partitions: TopicPartition[];
}

export interface DiscoveryDiff {
  newTopics: string[];
  newPartitions: TopicPartition[];
}

/** Lists matching topics and their partitions with the admin client. */
export async function discover(admin: Admin, selection: TopicSelection): Promise<DiscoveryResult> {
  const topics = selection.select(await admin.listTopics());
  if (topics.length === 0) return { topics, partitions: [] };
  const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
  const partitions = metadata
    .flatMap((t) => t.partitions.map((p) => ({ topic: t.name, partition: p.partitionId })))
    .sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
  return { topics, partitions };
}

/** What the latest listing has that the job does not read yet. Deleted topics are not followed. */
export function diffDiscovery(
  known: { topics: readonly string[]; partitions: { has(tp: TopicPartition): boolean } },
  found: DiscoveryResult,
): DiscoveryDiff {
  const knownTopics = new Set(known.topics);
  return {
    newTopics: found.topics.filter((t) => !knownTopics.has(t)),
    newPartitions: found.partitions.filter((tp) => !known.partitions.has(tp)),
  };
}
