import type { Kafka } from 'kafkajs';

// kafkajs refuses a whole Metadata answer when one partition carries an error, and an offline
// partition (no leader) always does: listTopics() then fails for the entire cluster, which is
// exactly when a health check is needed. This sends the same Metadata request through kafkajs's
// own connection (TLS, SASL, the SSH tunnel's socket factory all apply) on a private, short-lived
// cluster object, and keeps the decoded answer with its per-partition error codes.
// It relies on kafkajs 2.x internals (pinned in package.json); when they change, it throws
// RawMetadataUnavailable and the caller falls back to the public API.

export interface RawPartition {
  partitionErrorCode: number;
  partitionId: number;
  leader: number;
  replicas: number[];
  isr: number[];
}

export interface RawTopic {
  topicErrorCode: number;
  topic: string;
  isInternal?: boolean;
  partitionMetadata: RawPartition[];
}

export interface RawMetadata {
  brokers: { nodeId: number; host: string; port: number; rack?: string | null }[];
  clusterId?: string;
  controllerId?: number;
  topicMetadata: RawTopic[];
}

export class RawMetadataUnavailable extends Error {}

type Request = { response: { parse: (data: unknown) => Promise<unknown> } };
/** The part of kafkajs's Broker these reads use. */
export interface SeedBroker {
  lookupRequest: (apiKey: number, definition: unknown) => (...args: unknown[]) => Request;
  metadata(topics?: string[]): Promise<RawMetadata>;
  describeConfigs(request: {
    resources: { type: number; name: string; configNames?: string[] }[];
    includeSynonyms: boolean;
  }): Promise<DescribeConfigsAnswer>;
}
export interface DescribeConfigsAnswer {
  resources: {
    errorCode: number;
    resourceType: number;
    resourceName: string;
    configEntries: { configName: string; configValue: string | null; isDefault: boolean }[];
  }[];
}
interface InternalCluster {
  brokerPool: { connect(): Promise<void>; seedBroker?: SeedBroker; disconnect(): Promise<void> };
}

/**
 * A kafkajs Cluster object of the client's own (its connections, TLS, SASL and socket factory), not
 * shared with any producer, consumer or admin. kafkajs 2.x internals; throws RawMetadataUnavailable
 * when they change. Options are kafkajs's (allowAutoTopicCreation, instrumentationEmitter, ...).
 */
export function createPrivateCluster<C>(kafka: Kafka, options: object): C {
  const symbol = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster');
  const createCluster = symbol && (kafka as unknown as Record<symbol, unknown>)[symbol];
  if (typeof createCluster !== 'function') throw new RawMetadataUnavailable('kafkajs internals changed');
  return (createCluster as (options: object) => C)(options);
}

/**
 * Runs `work` with kafkajs's connection to the client's first reachable bootstrap broker, on a
 * private cluster object that never refreshes the whole cluster's metadata (which kafkajs's admin
 * does before every call, and which fails while a partition is offline).
 */
export async function withSeedBroker<T>(kafka: Kafka, work: (broker: SeedBroker) => Promise<T>): Promise<T> {
  const cluster = createPrivateCluster<InternalCluster>(kafka, { allowAutoTopicCreation: false });
  const pool = cluster.brokerPool;
  if (!pool || typeof pool.connect !== 'function') throw new RawMetadataUnavailable('kafkajs internals changed');
  try {
    await pool.connect();
    const broker = pool.seedBroker;
    if (!broker || typeof broker.lookupRequest !== 'function') {
      throw new RawMetadataUnavailable('kafkajs internals changed');
    }
    return await work(broker);
  } finally {
    await pool.disconnect().catch(() => undefined);
  }
}

/** Metadata for every topic, partition errors included rather than thrown. */
export async function readRawMetadata(kafka: Kafka): Promise<RawMetadata> {
  return withSeedBroker(kafka, async (broker) => {
    const lookup = broker.lookupRequest;
    // Same request and decoder; only the step that throws on the first error code is skipped.
    broker.lookupRequest = (apiKey, definition) => {
      const make = lookup.call(broker, apiKey, definition);
      return (...args) => {
        const request = make(...args);
        return { ...request, response: { ...request.response, parse: async (data: unknown) => data } };
      };
    };
    return broker.metadata([]);
  });
}
