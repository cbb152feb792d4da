import kafkajs, { type Kafka, type KafkaConfig, type logCreator } from 'kafkajs';
import { newKafkaClient } from '../codecs/index.js';
import type { ClusterConnection } from '../job/kafka-clients.js';
import type { CliIo } from './cli-io.js';

const { logLevel } = kafkajs;

/**
 * kafkajs logs JSON lines to stdout by default, which would corrupt `--format csv|json`
 * output: the CLI sends client logs to stderr, and only with `SLUICE_LOG=debug|info|warn|error`.
 */
export function cliLogCreator(io: CliIo): { logLevel: number; logCreator: logCreator } {
  const wanted = (io.env['SLUICE_LOG'] ?? '').toUpperCase();
  const level = wanted in logLevel ? logLevel[wanted as keyof typeof logLevel] : logLevel.NOTHING;
  return {
    logLevel: level,
    logCreator: () => (entry) => {
      const { message, ...extra } = entry.log;
      io.err(`[kafkajs ${entry.namespace}] ${message} ${JSON.stringify(extra)}`);
    },
  };
}

/** A client for short admin commands: fail within seconds, not the minutes a job may wait. */
export function createCliKafka(io: CliIo, bootstrap: string): Kafka {
  const brokers = bootstrap
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker !== '');
  const config: KafkaConfig = {
    clientId: 'sluice-cli',
    brokers,
    connectionTimeout: 3_000,
    requestTimeout: 15_000,
    retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2_000 },
    ...cliLogCreator(io),
  };
  return newKafkaClient(config);
}

/** A client for short admin commands on a resolved cluster profile (TLS, SASL, SSH tunnel). */
export function createProfileKafka(io: CliIo, connection: ClusterConnection): Kafka {
  return newKafkaClient({
    clientId: connection.clientId ?? 'sluice-cli',
    brokers: connection.brokers,
    connectionTimeout: connection.connectionTimeoutMs ?? 3_000,
    requestTimeout: connection.requestTimeoutMs ?? 15_000,
    retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2_000 },
    ...cliLogCreator(io),
    ...(connection.ssl === undefined ? {} : { ssl: connection.ssl }),
    ...(connection.sasl === undefined ? {} : { sasl: connection.sasl }),
    ...(connection.socketFactory === undefined ? {} : { socketFactory: connection.socketFactory }),
  });
}
