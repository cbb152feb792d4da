import kafkajs, { type Kafka } from 'kafkajs';
import { newKafkaClient } from '../codecs/index.js';
import type { ClusterConnection } from '../job/kafka-clients.js';

const { logLevel } = kafkajs;

// Lint and health checks answer in seconds: short timeouts and few retries, where a job keeps trying.
const CONNECTION_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 10_000;

/** A quiet kafkajs client for short admin reads, over the connection's TLS, SASL and tunnel. */
export function shortKafka(connection: ClusterConnection, clientId: string, brokers = connection.brokers): Kafka {
  return newKafkaClient({
    clientId: connection.clientId ?? clientId,
    brokers,
    connectionTimeout: connection.connectionTimeoutMs ?? CONNECTION_TIMEOUT_MS,
    requestTimeout: connection.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
    retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 1_000 },
    logLevel: logLevel.NOTHING,
    ...(connection.ssl === undefined ? {} : { ssl: connection.ssl }),
    ...(connection.sasl === undefined ? {} : { sasl: connection.sasl }),
    ...(connection.socketFactory === undefined ? {} : { socketFactory: connection.socketFactory }),
  });
}
