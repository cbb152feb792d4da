import type { Admin, Kafka } from 'kafkajs';
import { newKafkaClient } from '../../codecs/index.js';
import type { ClusterConnection } from '../../job/kafka-clients.js';
import type { CliIo } from '../cli-io.js';
import { UsageError } from '../exit-codes.js';
import { cliLogCreator } from '../kafka-client.js';
import { cliClusterConnections, type ClusterOptions } from './cluster-profiles.js';

export interface ReportClusterOptions extends ClusterOptions {
  /** A profile name from the profiles file. */
  cluster?: string;
  bootstrap?: string;
}

export interface ConnectedCluster {
  kafka: Kafka;
  admin: Admin;
  /** How the report names the cluster: the profile name or the bootstrap servers. */
  label: string;
  close(): Promise<void>;
}

/** `--cluster PROFILE` or `--bootstrap host:port`: exactly one. */
export function clusterChoice(options: ReportClusterOptions): { profile: string } | { bootstrapServers: string[] } {
  if (options.cluster !== undefined && options.bootstrap !== undefined)
    throw new UsageError('give either --cluster or --bootstrap, not both');
  if (options.cluster !== undefined) return { profile: options.cluster };
  if (options.bootstrap !== undefined)
    return {
      bootstrapServers: options.bootstrap
        .split(',')
        .map((b) => b.trim())
        .filter((b) => b !== ''),
    };
  throw new UsageError('which cluster? give --cluster PROFILE or --bootstrap host:port');
}

/** An admin client (and a Kafka for timestamp reads) on the cluster, through the profile's tunnel if any. */
export async function connectReportCluster(
  io: CliIo,
  options: ClusterOptions,
  ref: { profile: string } | { bootstrapServers: string[] },
): Promise<ConnectedCluster> {
  const connections = cliClusterConnections(io, options);
  try {
    const connection: ClusterConnection =
      'profile' in ref ? await connections.resolve(ref.profile) : { brokers: ref.bootstrapServers };
    const kafka = newKafkaClient({
      clientId: connection.clientId ?? 'sluice-cli',
      brokers: connection.brokers,
      connectionTimeout: connection.connectionTimeoutMs ?? 3_000,
      requestTimeout: connection.requestTimeoutMs ?? 15_000,
      retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2_000 },
      ...(connection.ssl === undefined ? {} : { ssl: connection.ssl }),
      ...(connection.sasl === undefined ? {} : { sasl: connection.sasl }),
      ...(connection.socketFactory === undefined ? {} : { socketFactory: connection.socketFactory }),
      ...cliLogCreator(io),
    });
    const admin = kafka.admin();
    await admin.connect();
    return {
      kafka,
      admin,
      label: 'profile' in ref ? ref.profile : ref.bootstrapServers.join(','),
      close: async () => {
        await admin.disconnect().catch(() => undefined);
        await connections.close();
      },
    };
  } catch (error) {
    await connections.close();
    throw error;
  }
}
