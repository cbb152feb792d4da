import { clusterHealth, healthOptionsFor } from '../../health/cluster-health.js';
import type { BrokerHealth, ClusterHealth, PartitionIssue } from '../../health/health-report.js';
import type { CliIo } from '../cli-io.js';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.js';
import { formatTable, type Column } from '../table.js';
import { countSummary, formatFindings } from './lint.js';
import { cliClusterConnections, findProfile, type ClusterOptions } from './cluster-profiles.js';

export const HEALTH_FORMATS = ['table', 'json'] as const;
export type HealthFormat = (typeof HEALTH_FORMATS)[number];

/**
 * `sluice cluster health PROFILE`: controller, brokers with their leaders, offline and
 * under-replicated partitions, advertised addresses, and ZooKeeper's view when the profile has one.
 * Exit 0 when healthy, 1 when a warning or critical finding stands (or the bootstrap is unreachable).
 */
export async function clusterHealthCommand(
  io: CliIo,
  name: string,
  options: ClusterOptions & { format?: HealthFormat },
): Promise<ExitCode> {
  const format = options.format ?? 'table';
  if (!HEALTH_FORMATS.includes(format)) throw new UsageError(`--format must be table or json, got "${format}"`);
  const profile = await findProfile(io, options, name);
  const connections = cliClusterConnections(io, options);
  try {
    const connection = await connections.resolve(name);
    const tunnel = await connections.tunnel(name);
    const health = await clusterHealth(connection, healthOptionsFor(name, profile, tunnel));
    if (format === 'json') io.out(JSON.stringify(health, null, 2));
    else printHealth(io, health);
    return health.healthy ? EXIT.ok : EXIT.failure;
  } finally {
    await connections.close();
  }
}

const BROKER_COLUMNS: readonly Column<BrokerHealth>[] = [
  { header: 'NODE', key: 'nodeId', align: 'right', value: (b) => b.nodeId },
  { header: 'ADVERTISED', key: 'address', align: 'left', value: (b) => `${b.host}:${b.port}` },
  { header: 'LEADERS', key: 'leaders', align: 'right', value: (b) => b.leaders },
  { header: 'REPLICAS', key: 'replicas', align: 'right', value: (b) => b.replicas },
  {
    header: 'REACHABLE',
    key: 'reachable',
    align: 'left',
    value: (b) => b.reachable,
    display: (b) => (b.reachable ? 'yes' : `NO: ${b.error ?? ''}`),
  },
];

const ids = (list: number[]) => `[${list.join(',')}]`;
const PARTITION_COLUMNS: readonly Column<PartitionIssue>[] = [
  { header: 'TOPIC', key: 'topic', align: 'left', value: (p) => p.topic },
  { header: 'PARTITION', key: 'partition', align: 'right', value: (p) => p.partition },
  { header: 'LEADER', key: 'leader', align: 'right', value: (p) => (p.leader < 0 ? 'none' : p.leader) },
  { header: 'REPLICAS', key: 'replicas', align: 'left', value: (p) => ids(p.replicas) },
  { header: 'ISR', key: 'isr', align: 'left', value: (p) => ids(p.isr) },
  { header: 'OUT OF SYNC', key: 'outOfSync', align: 'left', value: (p) => ids(p.outOfSync) },
];

function printHealth(io: CliIo, h: ClusterHealth): void {
  const lines = [
    `cluster "${h.cluster}" (${h.clusterId}) at ${h.bootstrap}: controller ${h.controller ?? 'none'}, ${h.brokers.length} live broker(s), ${h.topics} topic(s), ${h.partitions} partition(s)`,
    '',
    formatTable(BROKER_COLUMNS, h.brokers),
    '',
    `offline partitions: ${h.offline.length + h.unreadable.length}`,
    ...(h.offline.length > 0 ? [formatTable(PARTITION_COLUMNS, h.offline)] : []),
    ...h.unreadable.map((u) => `  ${u.topic}: metadata refused (${u.error})`),
    `under-replicated partitions: ${h.underReplicated.length}`,
    ...(h.underReplicated.length > 0 ? [formatTable(PARTITION_COLUMNS, h.underReplicated)] : []),
  ];
  if (h.zookeeper) {
    const zk = h.zookeeper;
    lines.push(
      '',
      `ZooKeeper ${zk.connect}: controller ${zk.controller ?? 'none'}, brokers ${ids(zk.brokers)}, ${zk.partitions} partition(s), ${zk.offline.length} offline, ${zk.underReplicated.length} under-replicated, ${zk.mismatches.length === 0 ? 'matches the metadata' : `${zk.mismatches.length} difference(s) from the metadata`}`,
    );
  }
  if (h.findings.length > 0) lines.push('', formatFindings(h.findings));
  io.out(lines.join('\n'));
  io.err(h.healthy ? `cluster "${h.cluster}": healthy` : `cluster "${h.cluster}": ${countSummary(h.findings)}`);
}
