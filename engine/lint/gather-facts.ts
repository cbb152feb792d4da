import kafkajs, { type Admin, type DescribeConfigResponse, type ResourceConfigQuery } from 'kafkajs';
import type { ClusterFacts, Configs, TopicFacts } from './lint-inputs.js';

const { ConfigResourceTypes } = kafkajs;

/** The topic configs the rules read (describeConfigs returns only these). */
export const TOPIC_CONFIGS = [
  'min.insync.replicas',
  'unclean.leader.election.enable',
  'flush.messages',
  'flush.ms',
  'max.message.bytes',
] as const;

/** The broker configs the rules read. */
export const BROKER_CONFIGS = [
  'log.flush.interval.messages',
  'log.flush.interval.ms',
  'log.flush.scheduler.interval.ms',
  'auto.create.topics.enable',
  'transaction.max.timeout.ms',
  'message.max.bytes',
  'min.insync.replicas',
  'default.replication.factor',
  'unclean.leader.election.enable',
] as const;

export interface ClusterReading {
  cluster: ClusterFacts;
  topics: TopicFacts[];
  /** Every topic name on the cluster (for patterns). */
  existing: string[];
}

/**
 * Reads what the rules need from one cluster: which of `topics` exist, their partition and
 * replica counts, their configs, and one broker's configs (the controller's, else the first).
 * `pattern` adds the topics it matches now.
 */
export async function readClusterFacts(
  admin: Admin,
  bootstrap: string,
  wanted: { topics: string[]; pattern?: RegExp },
): Promise<ClusterReading> {
  const existing = await admin.listTopics();
  const names = new Set(wanted.topics);
  if (wanted.pattern) for (const name of existing) if (wanted.pattern.test(name)) names.add(name);
  const present = [...names].filter((name) => existing.includes(name));

  const described = await admin.describeCluster();
  const brokerIds = described.brokers.map((b) => b.nodeId).sort((a, b) => a - b);
  const brokerId = described.controller !== null && brokerIds.includes(described.controller)
    ? described.controller
    : brokerIds[0];

  const shape = new Map<string, { partitions: number; replicationFactor: number }>();
  for (const name of present) {
    const { topics } = await admin.fetchTopicMetadata({ topics: [name] });
    const partitions = topics[0]?.partitions ?? [];
    shape.set(name, {
      partitions: partitions.length,
      replicationFactor: Math.min(...partitions.map((p) => p.replicas.length)),
    });
  }

  const resources: ResourceConfigQuery[] = present.map((name) => ({
    type: ConfigResourceTypes.TOPIC,
    name,
    configNames: [...TOPIC_CONFIGS],
  }));
  if (brokerId !== undefined) {
    resources.push({ type: ConfigResourceTypes.BROKER, name: String(brokerId), configNames: [...BROKER_CONFIGS] });
  }
  const configs = resources.length === 0 ? undefined : await admin.describeConfigs({ resources, includeSynonyms: false });
  const configsOf = (type: number, name: string) => toConfigs(configs, type, name);

  const topics: TopicFacts[] = [...names].sort().map((name) => {
    const found = shape.get(name);
    if (!found) return { name, exists: false, configs: {} };
    return { name, exists: true, ...found, configs: configsOf(ConfigResourceTypes.TOPIC, name) };
  });
  return {
    cluster: {
      bootstrap,
      brokerId,
      brokerConfigs: brokerId === undefined ? {} : configsOf(ConfigResourceTypes.BROKER, String(brokerId)),
    },
    topics,
    existing,
  };
}

function toConfigs(response: DescribeConfigResponse | undefined, type: number, name: string): Configs {
  const resource = response?.resources.find((r) => r.resourceType === type && r.resourceName === name);
  const configs: Record<string, { value: string; isDefault: boolean }> = {};
  for (const entry of resource?.configEntries ?? []) {
    if (entry.configValue === null || entry.configValue === undefined) continue;
    configs[entry.configName] = { value: String(entry.configValue), isDefault: entry.isDefault };
  }
  return configs;
}
