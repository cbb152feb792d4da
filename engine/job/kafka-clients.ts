import kafkajs, { type Kafka, type KafkaConfig, type logCreator } from 'kafkajs';
import { ConfigError } from '../errors/index.js';
import type { ClusterRef } from '../spec/index.js';
import type { Logger } from './logger.js';

const { Kafka: KafkaClient, logLevel } = kafkajs;

/**
 * How to reach a cluster. Inline specs give brokers directly; a named profile is resolved by the
 * host (the desktop app adds TLS, SASL and an SSH tunnel's socketFactory), outside the engine.
 */
export interface ClusterConnection {
  brokers: string[];
  clientId?: string;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  ssl?: KafkaConfig['ssl'];
  sasl?: KafkaConfig['sasl'];
  socketFactory?: KafkaConfig['socketFactory'];
}

export type ClusterResolver = (profile: string) => Promise<ClusterConnection>;

export async function resolveCluster(ref: ClusterRef, resolver: ClusterResolver | undefined): Promise<ClusterConnection> {
  if ('bootstrapServers' in ref) {
    return {
      brokers: ref.bootstrapServers,
      ...(ref.clientId === undefined ? {} : { clientId: ref.clientId }),
      ...(ref.connectionTimeoutMs === undefined ? {} : { connectionTimeoutMs: ref.connectionTimeoutMs }),
      ...(ref.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: ref.requestTimeoutMs }),
    };
  }
  if (!resolver) {
    throw new ConfigError(`cluster profile "${ref.profile}" cannot be resolved here; give bootstrapServers instead`, {
      details: { profile: ref.profile },
    });
  }
  return resolver(ref.profile);
}

// An unreachable bootstrap or a wrong port must fail start() within seconds, not hang: a short
// connection timeout and few retries (about 3 s in all). Running clients meet transient errors
// through the same retries; a failure past them goes to the job's restart strategy.
const CONNECTION_TIMEOUT_MS = 3_000;
const REQUEST_TIMEOUT_MS = 30_000;
const RETRY = { retries: 3, initialRetryTime: 300, maxRetryTime: 3_000 };

export function createKafka(connection: ClusterConnection, jobName: string, logger: Logger): Kafka {
  return new KafkaClient({
    clientId: connection.clientId ?? `sluice-${jobName}`,
    brokers: connection.brokers,
    connectionTimeout: connection.connectionTimeoutMs ?? CONNECTION_TIMEOUT_MS,
    requestTimeout: connection.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
    retry: RETRY,
    ...(connection.ssl === undefined ? {} : { ssl: connection.ssl }),
    ...(connection.sasl === undefined ? {} : { sasl: connection.sasl }),
    ...(connection.socketFactory === undefined ? {} : { socketFactory: connection.socketFactory }),
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(logger),
  });
}

/** kafkajs logs go to the job's logger; its errors are reported by the engine, so they log as warnings. */
function kafkaLogCreator(logger: Logger): logCreator {
  return () => (entry) => {
    const { message, ...extra } = entry.log;
    const text = `[kafkajs ${entry.namespace}] ${message}`;
    if (entry.level <= logLevel.WARN) logger.warn(text, extra);
    else if (entry.level === logLevel.INFO) logger.info(text, extra);
    else logger.debug(text, extra);
  };
}

/** Same brokers: the sink shares the source's clients. */
export function sameCluster(a: ClusterConnection, b: ClusterConnection): boolean {
  return a === b || (a.brokers.join(',') === b.brokers.join(',') && a.socketFactory === b.socketFactory);
}
