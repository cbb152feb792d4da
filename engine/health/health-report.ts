import type { Finding } from '../diagnosis/finding.js';

/** One partition as a view (metadata or ZooKeeper) reports it. */
export interface PartitionState {
  topic: string;
  partition: number;
  /** -1 when it has no leader. */
  leader: number;
  replicas: number[];
  isr: number[];
}

/** A partition that is offline or under-replicated, with the replicas missing from its ISR. */
export interface PartitionIssue extends PartitionState {
  outOfSync: number[];
}

/** A topic whose partitions could not be read (kafkajs refuses metadata with a partition error). */
export interface UnreadableTopic {
  topic: string;
  error: string;
}

/** The cluster as one source (metadata or ZooKeeper) describes it. */
export interface ClusterView {
  source: 'metadata' | 'zookeeper';
  controller: number | undefined;
  /** Live brokers. */
  brokers: number[];
  partitions: PartitionState[];
  unreadable: UnreadableTopic[];
}

export interface BrokerHealth {
  nodeId: number;
  host: string;
  port: number;
  /** Partitions it leads. */
  leaders: number;
  /** Partitions it holds a replica of. */
  replicas: number;
  /** Whether its advertised address answered a TCP connect from here (through the tunnel if any). */
  reachable: boolean;
  error?: string;
}

export interface ViewSummary {
  controller: number | undefined;
  brokers: number[];
  topics: number;
  partitions: number;
  offline: PartitionIssue[];
  underReplicated: PartitionIssue[];
  unreadable: UnreadableTopic[];
}

export interface ZookeeperHealth extends ViewSummary {
  connect: string;
  /** Where ZooKeeper and the metadata disagree (leader, ISR, brokers, controller). */
  mismatches: string[];
}

export interface ClusterHealth {
  cluster: string;
  bootstrap: string;
  checkedAt: number;
  clusterId: string;
  controller: number | undefined;
  brokers: BrokerHealth[];
  topics: number;
  partitions: number;
  offline: PartitionIssue[];
  underReplicated: PartitionIssue[];
  unreadable: UnreadableTopic[];
  zookeeper?: ZookeeperHealth;
  /** Most severe first. */
  findings: Finding[];
  /** No warning or critical finding. */
  healthy: boolean;
}

const issue = (p: PartitionState): PartitionIssue => ({
  ...p,
  outOfSync: p.replicas.filter((r) => !p.isr.includes(r)),
});

/** Offline (no leader) and under-replicated (ISR smaller than the replicas) partitions of a view. */
export function summarize(view: ClusterView): ViewSummary {
  const offline = view.partitions.filter((p) => p.leader < 0).map(issue);
  const underReplicated = view.partitions.filter((p) => p.leader >= 0 && p.isr.length < p.replicas.length).map(issue);
  return {
    controller: view.controller,
    brokers: [...view.brokers].sort((a, b) => a - b),
    topics: new Set([...view.partitions.map((p) => p.topic), ...view.unreadable.map((u) => u.topic)]).size,
    partitions: view.partitions.length,
    offline,
    underReplicated,
    unreadable: view.unreadable,
  };
}

/** Leader and replica counts per broker id. */
export function countPerBroker(
  partitions: readonly PartitionState[],
): Map<number, { leaders: number; replicas: number }> {
  const counts = new Map<number, { leaders: number; replicas: number }>();
  const at = (id: number) => counts.get(id) ?? counts.set(id, { leaders: 0, replicas: 0 }).get(id)!;
  for (const p of partitions) {
    if (p.leader >= 0) at(p.leader).leaders++;
    for (const r of p.replicas) at(r).replicas++;
  }
  return counts;
}
