import kafkajs, { type Admin, type Kafka, type KafkaConfig, type logCreator } from 'kafkajs';
import { newKafkaClient } from '../codecs/index.js';
import { ConfigError } from '../errors/index.js';
import type { KafkaLogEntry } from '../hints/kafka-log.js';
import { schemaSourceOf, type RegistryConnection } from '../registry/registry-connection.js';
import type { SchemaSource } from '../registry/schema-source.js';
import type { ClusterRef, JobSpec } from '../spec/index.js';
import { withContext } from './error-context.js';
import type { Logger } from './logger.js';

const { logLevel } = kafkajs;

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
  /** The profile's Schema Registry, when it has one; `registryFor(connection)` gives its client. */
  registry?: RegistryConnection;
  /** A SchemaSource given directly (tests, embedders); else the one `registry` describes. */
  schemas?: SchemaSource;
}

export type ClusterResolver = (profile: string) => Promise<ClusterConnection>;

export async function resolveCluster(
  ref: ClusterRef,
  resolver: ClusterResolver | undefined,
): Promise<ClusterConnection> {
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

/** Sees every kafkajs log entry at WARN and above, with the bootstrap servers of its client (hints). */
export type KafkaLogListener = (entry: KafkaLogEntry, bootstrap: readonly string[]) => void;

export function createKafka(
  connection: ClusterConnection,
  jobName: string,
  logger: Logger,
  onLog?: KafkaLogListener,
): Kafka {
  return newKafkaClient({
    clientId: connection.clientId ?? `sluice-${jobName}`,
    brokers: connection.brokers,
    connectionTimeout: connection.connectionTimeoutMs ?? CONNECTION_TIMEOUT_MS,
    requestTimeout: connection.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
    retry: RETRY,
    ...(connection.ssl === undefined ? {} : { ssl: connection.ssl }),
    ...(connection.sasl === undefined ? {} : { sasl: connection.sasl }),
    ...(connection.socketFactory === undefined ? {} : { socketFactory: connection.socketFactory }),
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(logger, onLog && ((entry) => onLog(entry, connection.brokers))),
  });
}

/** kafkajs logs go to the job's logger; its errors are reported by the engine, so they log as warnings. */
function kafkaLogCreator(logger: Logger, onLog?: (entry: KafkaLogEntry) => void): logCreator {
  return () => (entry) => {
    const { message, ...extra } = entry.log;
    if (onLog) {
      try {
        onLog({ namespace: entry.namespace, level: entry.level, message, extra });
      } catch (error) {
        logger.debug(`a kafkajs log listener threw: ${(error as Error).message}`);
      }
    }
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

/** The connected clients of one run: the source cluster's, and the sink cluster's when it is another. */
export interface RunClients {
  kafka: Kafka;
  admin: Admin;
  /** For messages: the source bootstrap servers. */
  brokers: string;
  /** The source cluster's Schema Registry, when it has one (a profile's registry client, made when first asked). */
  schemas: () => SchemaSource | undefined;
  /** The Kafka sink cluster's Schema Registry (the source's when the sink is on the source's connection). */
  sinkSchemas: () => SchemaSource | undefined;
  /** Kafka sinks only; the same objects as the source's when the sink is on the source's cluster. */
  sink: { kafka: Kafka; admin: Admin; onSourceCluster: boolean } | undefined;
  disconnect(): Promise<void>;
}

/** Connects admin clients to the job's clusters; fails with the cluster named if one is unreachable. */
export async function connectClients(
  spec: JobSpec,
  resolver: ClusterResolver | undefined,
  logger: Logger,
  onLog?: KafkaLogListener,
): Promise<RunClients> {
  const source = await resolveCluster(spec.source.cluster, resolver);
  const brokers = source.brokers.join(',');
  const kafka = createKafka(source, spec.name, logger, onLog);
  const admin = kafka.admin();
  await admin.connect().catch((error: unknown) => {
    throw withContext(`cannot reach the source cluster at ${brokers}`, error);
  });
  const clients: RunClients = {
    kafka,
    admin,
    brokers,
    schemas: () => schemaSourceOf(source),
    sinkSchemas: () => undefined,
    sink: undefined,
    disconnect: async () => {
      if (clients.sink && !clients.sink.onSourceCluster) await clients.sink.admin.disconnect().catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
    },
  };
  if (spec.sink.type !== 'kafka') return clients;
  const target = spec.sink.cluster ? await resolveCluster(spec.sink.cluster, resolver).catch(closing) : source;
  clients.sinkSchemas = () => schemaSourceOf(target);
  if (sameCluster(target, source)) {
    clients.sink = { kafka, admin, onSourceCluster: true };
    return clients;
  }
  const sinkKafka = createKafka(target, spec.name, logger, onLog);
  const sinkAdmin = sinkKafka.admin();
  await sinkAdmin
    .connect()
    .catch((error: unknown) =>
      closing(withContext(`cannot reach the sink cluster at ${target.brokers.join(',')}`, error)),
    );
  clients.sink = { kafka: sinkKafka, admin: sinkAdmin, onSourceCluster: false };
  return clients;

  async function closing(error: unknown): Promise<never> {
    await admin.disconnect().catch(() => undefined);
    throw error;
  }
}
