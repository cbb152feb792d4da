import type { Kafka } from 'kafkajs';
import type { ClusterView, PartitionState, UnreadableTopic } from './health-report.js';
import { RawMetadataUnavailable, readRawMetadata, type RawMetadata } from './raw-metadata.js';

export interface MetadataReading {
  clusterId: string;
  brokers: { nodeId: number; host: string; port: number }[];
  view: ClusterView;
}

// Kafka protocol error codes that still describe a partition (its leader, replicas and ISR).
const LEADER_NOT_AVAILABLE = 5;
const REPLICA_NOT_AVAILABLE = 9;
const LISTENER_NOT_FOUND = 72;
const ERROR_NAMES: Record<number, string> = {
  3: 'UNKNOWN_TOPIC_OR_PARTITION',
  [LEADER_NOT_AVAILABLE]: 'LEADER_NOT_AVAILABLE',
  [REPLICA_NOT_AVAILABLE]: 'REPLICA_NOT_AVAILABLE',
  29: 'TOPIC_AUTHORIZATION_FAILED',
  [LISTENER_NOT_FOUND]: 'LISTENER_NOT_FOUND',
};

/** The cluster as its metadata describes it, offline partitions included. */
export async function readMetadataView(kafka: Kafka): Promise<MetadataReading> {
  let raw: RawMetadata;
  try {
    raw = await readRawMetadata(kafka);
  } catch (error) {
    if (!(error instanceof RawMetadataUnavailable)) throw error;
    raw = await publicMetadata(kafka);
  }
  return fromRaw(raw);
}

export function fromRaw(raw: RawMetadata): MetadataReading {
  const partitions: PartitionState[] = [];
  const unreadable: UnreadableTopic[] = [];
  for (const topic of raw.topicMetadata) {
    if (topic.topicErrorCode !== 0) {
      unreadable.push({
        topic: topic.topic,
        error: ERROR_NAMES[topic.topicErrorCode] ?? `error ${topic.topicErrorCode}`,
      });
      continue;
    }
    for (const p of topic.partitionMetadata) {
      partitions.push({
        topic: topic.topic,
        partition: p.partitionId,
        leader: p.partitionErrorCode === LEADER_NOT_AVAILABLE ? -1 : p.leader,
        replicas: p.replicas,
        isr: p.isr,
      });
    }
  }
  partitions.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  const controller = raw.controllerId === undefined || raw.controllerId < 0 ? undefined : raw.controllerId;
  return {
    clusterId: raw.clusterId ?? '',
    brokers: raw.brokers.map(({ nodeId, host, port }) => ({ nodeId, host, port })).sort((a, b) => a.nodeId - b.nodeId),
    view: { source: 'metadata', controller, brokers: raw.brokers.map((b) => b.nodeId), partitions, unreadable },
  };
}

/** Through the public admin API: fails as a whole while any partition is offline. */
async function publicMetadata(kafka: Kafka): Promise<RawMetadata> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const described = await admin.describeCluster();
    const topics = await admin.listTopics();
    const meta = topics.length === 0 ? { topics: [] } : await admin.fetchTopicMetadata({ topics });
    return {
      brokers: described.brokers,
      clusterId: described.clusterId,
      controllerId: described.controller ?? -1,
      topicMetadata: meta.topics.map((t) => ({
        topicErrorCode: 0,
        topic: t.name,
        partitionMetadata: t.partitions.map((p) => ({
          partitionErrorCode: p.partitionErrorCode,
          partitionId: p.partitionId,
          leader: p.leader,
          replicas: p.replicas,
          isr: p.isr,
        })),
      })),
    };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
