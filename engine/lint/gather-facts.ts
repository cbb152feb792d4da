import kafkajs, { type Kafka } from 'kafkajs';
import type { ClusterView } from '../health/health-report.js';
import { withSeedBroker, type DescribeConfigsAnswer } from '../health/raw-metadata.js';
import type { TopicPattern } from '../spec/index.js';
import type { ClusterFacts, Configs, TopicFacts } from './lint-inputs.js';

const { ConfigResourceTypes } = kafkajs;

/** The topic configs the rules read (describeConfigs returns only these). */
export const TOPIC_CONFIGS = [
  'min.insync.replicas',
  'unclean.leader.election.enable',
  'flush.messages',
  'flush.ms',
  'max.message.bytes',
  'compression.type',
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
  /** A client whose only bootstrap is the broker whose configs to read (`brokerAddress`). */
  kafkaAt: (address: string) => Kafka,
  bootstrap: string,
  wanted: { topics: string[]; pattern?: TopicPattern },
  metadata: { view: ClusterView; brokers: { nodeId: number; host: string; port: number }[] },
): Promise<ClusterReading> {
  const { view } = metadata;
  // From the health view, which keeps offline partitions instead of failing the whole listing.
  const existing = [...new Set([...view.partitions.map((p) => p.topic), ...view.unreadable.map((u) => u.topic)])];
  const names = new Set(wanted.topics);
  if (wanted.pattern) for (const name of existing) if (wanted.pattern.matches(name)) names.add(name);
  const present = [...names].filter((name) => existing.includes(name));

  const brokerIds = [...view.brokers].sort((a, b) => a - b);
  const brokerId =
    view.controller !== undefined && brokerIds.includes(view.controller) ? view.controller : brokerIds[0];

  const shape = new Map<string, { partitions: number; replicationFactor: number }>();
  for (const name of present) {
    const partitions = view.partitions.filter((p) => p.topic === name);
    shape.set(name, {
      partitions: partitions.length,
      replicationFactor: partitions.length === 0 ? 0 : Math.min(...partitions.map((p) => p.replicas.length)),
    });
  }

  const resources: { type: number; name: string; configNames: string[] }[] = present.map((name) => ({
    type: ConfigResourceTypes.TOPIC,
    name,
    configNames: [...TOPIC_CONFIGS],
  }));
  if (brokerId !== undefined) {
    resources.push({ type: ConfigResourceTypes.BROKER, name: String(brokerId), configNames: [...BROKER_CONFIGS] });
  }
  // Straight to that broker: a broker's own configs are only described by itself, and kafkajs's
  // admin would first refresh every topic's metadata, which fails while a partition is offline.
  const target = metadata.brokers.find((b) => b.nodeId === brokerId);
  const configs =
    resources.length === 0 || !target
      ? undefined
      : await withSeedBroker(kafkaAt(`${target.host}:${target.port}`), (broker) =>
          broker.describeConfigs({ resources, includeSynonyms: false }),
        );
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

function toConfigs(response: DescribeConfigsAnswer | undefined, type: number, name: string): Configs {
  const resource = response?.resources.find((r) => r.resourceType === type && r.resourceName === name);
  const configs: Record<string, { value: string; isDefault: boolean }> = {};
  for (const entry of resource?.configEntries ?? []) {
    // Kafka answers null for settings with no value (log.flush.interval.ms falls back to another).
    const value = entry.configValue === null || entry.configValue === undefined ? 'null' : String(entry.configValue);
    configs[entry.configName] = { value, isDefault: entry.isDefault };
  }
  return configs;
}
