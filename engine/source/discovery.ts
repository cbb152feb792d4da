import type { Admin } from 'kafkajs';
import { TopicNotFoundError } from '../errors/index.js';
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

/**
 * The first listing of a run. Listed topics must exist (the engine never creates topics); a pattern
 * that matches nothing yet is allowed, with a warning, since discovery may find topics later.
 */
export async function discoverAtStart(
  admin: Admin,
  selection: TopicSelection,
  where: string,
): Promise<DiscoveryResult & { warnings: string[] }> {
  const existing = await admin.listTopics();
  const missing = (selection.listed ?? []).filter((t) => !existing.includes(t));
  if (missing.length > 0) {
    const many = missing.length > 1;
    throw new TopicNotFoundError(
      `source topic${many ? 's' : ''} ${missing.map((t) => `"${t}"`).join(', ')} not found on ${where}; ` +
        `create ${many ? 'them' : 'it'} or fix source.topics`,
      { details: { topics: missing } },
    );
  }
  const warnings = selection
    .excludedMatches(existing)
    .map((t) => `topic "${t}" matches source.topicPattern but is the sink topic; it is not read`);
  const found = await discover(admin, selection);
  if (selection.isPattern && found.topics.length === 0) warnings.push('no topic matches source.topicPattern yet');
  return { ...found, warnings };
}
