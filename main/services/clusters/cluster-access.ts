import kafkajs, { type Admin, type Kafka } from 'kafkajs';
import { newKafkaClient } from '../../../engine/codecs/index';
import type { ClusterConnection, ClusterResolver } from '../../../engine/job/index';
import { resolveCluster } from '../../../engine/job/kafka-clients';
import type { ClusterRef } from '../../../engine/spec/index';

const { logLevel } = kafkajs;

/** Gives the console's short admin calls a kafkajs client for a named cluster profile. */
export interface ClusterAccess {
  kafka(cluster: string): Promise<Kafka>;
  /** Connects an admin client, runs `work`, and always disconnects. */
  withAdmin<T>(cluster: string, work: (admin: Admin) => Promise<T>): Promise<T>;
}

// Console calls answer in seconds, where a job may keep retrying for minutes.
const CONNECTION_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 15_000;

/** Built on the engine's resolver, so the console reaches a cluster exactly as a job does (TLS, SASL, SSH). */
export function createClusterAccess(resolve: ClusterResolver): ClusterAccess {
  const kafka = async (cluster: string): Promise<Kafka> => kafkaFor(await resolve(cluster));
  return {
    kafka,
    async withAdmin(cluster, work) {
      const admin = (await kafka(cluster)).admin();
      await admin.connect();
      try {
        return await work(admin);
      } finally {
        await admin.disconnect();
      }
    },
  };
}

/** A console client for a job spec's cluster: a named profile, or inline bootstrap servers. */
export function kafkaForRef(resolve: ClusterResolver): (ref: ClusterRef) => Promise<Kafka> {
  return async (ref) => kafkaFor(await resolveCluster(ref, resolve));
}

function kafkaFor(connection: ClusterConnection): Kafka {
  return newKafkaClient({
    clientId: connection.clientId ?? 'sluice-console',
    brokers: connection.brokers,
    connectionTimeout: connection.connectionTimeoutMs ?? CONNECTION_TIMEOUT_MS,
    requestTimeout: connection.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
    retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 2_000 },
    logLevel: logLevel.NOTHING,
    ...(connection.ssl === undefined ? {} : { ssl: connection.ssl }),
    ...(connection.sasl === undefined ? {} : { sasl: connection.sasl }),
    ...(connection.socketFactory === undefined ? {} : { socketFactory: connection.socketFactory }),
  });
}
