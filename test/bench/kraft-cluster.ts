import { Kafka, logLevel } from 'kafkajs';
import type { BenchContext } from './bench-context.js';
import { BenchError } from './bench-error.js';
import type { Cluster3Bench } from './bench-info.js';
import { freePort } from './free-port.js';
import { kafkaNodeInfo } from './kafka-node-info.js';
import { newClusterId, prepareKafkaNode, startPreparedKafkaNode, type KafkaNodeSpec } from './kafka-node.js';

const CLUSTER_SIZE = 3;

/** Replication that makes a single node's loss survivable but visible (acks=all needs 2 of 3). */
const replicated = {
  'default.replication.factor': 3,
  'min.insync.replicas': 2,
  'offsets.topic.replication.factor': 3,
  'transaction.state.log.replication.factor': 3,
  'transaction.state.log.min.isr': 2,
  // A stopped follower leaves the ISR within seconds rather than the default 30.
  'replica.lag.time.max.ms': 10_000,
};

export function clusterNodeName(nodeId: number): string {
  return `cluster3-node-${nodeId}`;
}

/**
 * Three combined broker+controller nodes forming one quorum. Every node is formatted before any
 * starts, then all start together because a quorum of three needs two to elect a leader.
 */
export async function startKraftCluster(ctx: BenchContext): Promise<Cluster3Bench> {
  const clusterId = newClusterId();
  const ids = Array.from({ length: CLUSTER_SIZE }, (_, index) => index + 1);
  const ports = new Map<number, { port: number; controllerPort: number }>();
  for (const id of ids) ports.set(id, { port: await freePort(), controllerPort: await freePort() });
  const quorumVoters = ids.map((id) => `${id}@127.0.0.1:${ports.get(id)?.controllerPort}`).join(',');

  const specs: KafkaNodeSpec[] = ids.map((id) => {
    const { port, controllerPort } = ports.get(id) ?? { port: 0, controllerPort: 0 };
    return {
      name: clusterNodeName(id),
      nodeId: id,
      port,
      mode: { kind: 'kraft', controllerPort, quorumVoters, clusterId },
      overrides: replicated,
    };
  });
  const nodes = await Promise.all(specs.map((spec) => prepareKafkaNode(spec, ctx)));
  await Promise.all(nodes.map((node) => startPreparedKafkaNode(node, ctx)));

  const brokers = nodes.map((node) => `127.0.0.1:${node.spec.port}`);
  await createOffsetsTopic(brokers, nodes[0]?.logPath ?? '');
  return { bootstrap: brokers.join(','), brokers, clusterId, nodes: nodes.map(kafkaNodeInfo) };
}

/**
 * Asking for a group coordinator makes the cluster create __consumer_offsets now, while all three
 * nodes run. Created later, with a node stopped by a failover test, RF 3 could not be met.
 */
async function createOffsetsTopic(brokers: string[], logPath: string): Promise<void> {
  const kafka = new Kafka({ clientId: 'sluice-bench-setup', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.describeGroups(['sluice-bench-warmup']);
  } catch (error) {
    throw new BenchError({
      component: 'cluster3',
      failure: `could not create __consumer_offsets: ${(error as Error).message}`,
      logPath,
    });
  } finally {
    await admin.disconnect();
  }
}
