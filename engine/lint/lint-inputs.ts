import type { JobSpec } from '../spec/index.js';

/** One config entry as `describeConfigs` reports it. */
export interface ConfigValue {
  value: string;
  /** True when nobody set it: the broker's built-in default. */
  isDefault: boolean;
}

export type Configs = Readonly<Record<string, ConfigValue>>;

/** What lint learned about one topic from metadata and describeConfigs. */
export interface TopicFacts {
  name: string;
  exists: boolean;
  partitions?: number;
  /** The smallest replica count over the topic's partitions. */
  replicationFactor?: number;
  configs: Configs;
}

/** The cluster a side of the job touches: its bootstrap (for messages) and one broker's configs. */
export interface ClusterFacts {
  bootstrap: string;
  brokerId: number | undefined;
  brokerConfigs: Configs;
}

export interface SourceFacts {
  cluster: ClusterFacts;
  /** Listed topics, or the topics the pattern matches now. */
  topics: TopicFacts[];
}

export interface SinkFacts {
  cluster: ClusterFacts;
  topic: TopicFacts;
}

/**
 * Everything the rules look at. Cluster facts are absent when the cluster could not be reached
 * (lint then checks the spec alone and says so) or when the job does not write to Kafka.
 */
export interface LintInputs {
  spec: JobSpec;
  source?: SourceFacts;
  sink?: SinkFacts;
}

/** A config's value, or undefined when lint did not learn it. */
export function configValue(configs: Configs, name: string): string | undefined {
  return configs[name]?.value;
}

/** A numeric config, or undefined when absent or not a number. */
export function configNumber(configs: Configs, name: string): number | undefined {
  const value = configs[name]?.value;
  if (value === undefined || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}
