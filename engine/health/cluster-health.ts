import type { Kafka } from 'kafkajs';
import { classifyError } from '../errors/index.js';
import type { ClusterConnection } from '../job/kafka-clients.js';
import { sortFindings } from '../diagnosis/finding.js';
import { shortKafka } from '../diagnosis/short-kafka.js';
import type { ClusterProfile } from '../spec/cluster-profile.js';
import type { ChannelOpener } from '../transport/ssh-tunnel.js';
import { healthFindings } from './health-findings.js';
import {
  countPerBroker,
  summarize,
  type BrokerHealth,
  type ClusterHealth,
  type ZookeeperHealth,
} from './health-report.js';
import { readMetadataView } from './metadata-view.js';
import { reachAddress } from './reach.js';
import { compareViews, readZookeeperView } from './zookeeper-view.js';

export interface ClusterHealthOptions {
  /** The profile name (or the bootstrap string for inline clusters), for the report. */
  cluster: string;
  /** ZooKeeper-mode clusters: read the same view from ZooKeeper, through `tunnel` when given. */
  zookeeper?: { connect: string; sessionTimeoutMs?: number; tunnel?: ChannelOpener };
  /** The kafkajs client to read metadata with; the default is a short-timeout client over the connection. */
  kafka?: Kafka;
  reachTimeoutMs?: number;
  now?: () => number;
}

/** What a cluster profile asks of a health check: its name, and its ZooKeeper through `tunnel` when it has one. */
export function healthOptionsFor(
  name: string,
  profile: Pick<ClusterProfile, 'zookeeper'>,
  tunnel: ChannelOpener | undefined,
): ClusterHealthOptions {
  if (!profile.zookeeper) return { cluster: name };
  const { connect, sessionTimeoutMs } = profile.zookeeper;
  return { cluster: name, zookeeper: { connect, sessionTimeoutMs, ...(tunnel ? { tunnel } : {}) } };
}

/**
 * Cluster health from metadata: controller, live brokers with their leader and replica counts,
 * offline and under-replicated partitions, whether each advertised broker address can be reached
 * from here (through the profile's tunnel if it has one), and on ZooKeeper-mode clusters the same
 * from ZooKeeper, compared. Throws only when the bootstrap itself cannot be reached.
 */
export async function clusterHealth(
  connection: ClusterConnection,
  options: ClusterHealthOptions,
): Promise<ClusterHealth> {
  const reading = await readMetadataView(options.kafka ?? shortKafka(connection, 'sluice-health'));
  const metadata = summarize(reading.view);
  const counts = countPerBroker(reading.view.partitions);
  const timeoutMs = options.reachTimeoutMs ?? connection.connectionTimeoutMs ?? 5_000;
  const brokers: BrokerHealth[] = await Promise.all(
    reading.brokers.map(async (b) => {
      const count = counts.get(b.nodeId) ?? { leaders: 0, replicas: 0 };
      try {
        await reachAddress(connection, b.host, b.port, timeoutMs);
        return { ...b, ...count, reachable: true };
      } catch (error) {
        return { ...b, ...count, reachable: false, error: describeError(error) };
      }
    }),
  );

  let zookeeper: ZookeeperHealth | undefined;
  if (options.zookeeper) {
    const { connect, sessionTimeoutMs, tunnel } = options.zookeeper;
    const zkView = await readZookeeperView(connect, {
      ...(tunnel ? { tunnel } : {}),
      ...(sessionTimeoutMs === undefined ? {} : { sessionTimeoutMs }),
    });
    zookeeper = { connect, ...summarize(zkView), mismatches: compareViews(reading.view, zkView) };
  }

  const bootstrap = connection.brokers.join(',');
  const findings = sortFindings(healthFindings({ bootstrap, metadata, brokers, ...(zookeeper ? { zookeeper } : {}) }));
  return {
    cluster: options.cluster,
    bootstrap,
    checkedAt: (options.now ?? Date.now)(),
    clusterId: reading.clusterId,
    controller: metadata.controller,
    brokers,
    topics: metadata.topics,
    partitions: metadata.partitions,
    offline: metadata.offline,
    underReplicated: metadata.underReplicated,
    unreadable: metadata.unreadable,
    ...(zookeeper ? { zookeeper } : {}),
    findings,
    healthy: findings.every((f) => f.severity === 'info'),
  };
}

function describeError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const message = e?.message ?? String(error);
  return e?.code && !message.includes(e.code) ? `${e.code}: ${message}` : message || classifyError(error).message;
}
