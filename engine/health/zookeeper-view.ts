import { readClusterView, ZookeeperSession, type ZookeeperConnectOptions } from '../transport/zookeeper-cluster.js';
import type { ClusterView, PartitionState } from './health-report.js';

interface TopicZnode {
  partitions?: Record<string, number[]>;
}

/**
 * The same view from ZooKeeper (ZooKeeper-mode clusters): live brokers, the controller, and each
 * partition's leader and ISR from its state znode, with the replica assignment from the topic znode.
 */
export async function readZookeeperView(connect: string, options: ZookeeperConnectOptions = {}): Promise<ClusterView> {
  const session = await ZookeeperSession.open(connect, options);
  try {
    const cluster = await readClusterView(session);
    const partitions: PartitionState[] = [];
    for (const topic of cluster.topics) {
      const assignment = (await session.json<TopicZnode>(`/brokers/topics/${topic.name}`))?.partitions ?? {};
      for (const p of topic.partitions) {
        partitions.push({
          topic: topic.name,
          partition: p.partition,
          leader: p.leader,
          replicas: assignment[String(p.partition)] ?? [],
          isr: p.isr,
        });
      }
    }
    return {
      source: 'zookeeper',
      controller: cluster.controller,
      brokers: cluster.brokers.map((b) => b.id),
      partitions,
      unreadable: [],
    };
  } finally {
    await session.close();
  }
}

/** Where two views of the same cluster disagree, one line each (capped by the caller). */
export function compareViews(metadata: ClusterView, zookeeper: ClusterView): string[] {
  const mismatches: string[] = [];
  const ids = (v: ClusterView) => [...v.brokers].sort((a, b) => a - b).join(',');
  if (ids(metadata) !== ids(zookeeper)) {
    mismatches.push(`live brokers: metadata [${ids(metadata)}], ZooKeeper [${ids(zookeeper)}]`);
  }
  if (metadata.controller !== zookeeper.controller) {
    mismatches.push(
      `controller: metadata ${metadata.controller ?? 'none'}, ZooKeeper ${zookeeper.controller ?? 'none'}`,
    );
  }
  const zk = new Map(zookeeper.partitions.map((p) => [`${p.topic}-${p.partition}`, p]));
  const sorted = (list: number[]) => [...list].sort((a, b) => a - b).join(',');
  for (const p of metadata.partitions) {
    const key = `${p.topic}-${p.partition}`;
    const other = zk.get(key);
    if (!other) {
      mismatches.push(`${key}: in metadata, not in ZooKeeper`);
      continue;
    }
    zk.delete(key);
    if (other.leader !== p.leader)
      mismatches.push(`${key}: leader ${p.leader} in metadata, ${other.leader} in ZooKeeper`);
    if (sorted(other.isr) !== sorted(p.isr)) {
      mismatches.push(`${key}: ISR [${sorted(p.isr)}] in metadata, [${sorted(other.isr)}] in ZooKeeper`);
    }
  }
  const unreadable = new Set(metadata.unreadable.map((u) => u.topic));
  for (const key of zk.keys()) {
    const topic = zookeeper.partitions.find((p) => `${p.topic}-${p.partition}` === key)?.topic;
    if (topic !== undefined && !unreadable.has(topic)) mismatches.push(`${key}: in ZooKeeper, not in metadata`);
  }
  return mismatches;
}
