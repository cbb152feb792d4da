import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionError } from '../../engine/errors/index.js';
import { checkCluster } from '../../engine/transport/cluster-check.js';
import { ClusterConnections } from '../../engine/transport/cluster-connections.js';
import { readZookeeperCluster, ZookeeperSession } from '../../engine/transport/zookeeper-cluster.js';
import { freshTopic } from '../bench/helpers.js';
import { PORTS, startNetnsZookeeperMode, type NetnsZookeeperMode } from '../bench/netns-kafka.js';
import { startTunnelBench, tunnelProfile, type TunnelBench } from '../bench/netns-fixture.js';

// A ZooKeeper-mode cluster (ZooKeeper + one broker, chroot /kafka) inside the namespace, read
// through the same SSH tunnel the Kafka clients use: brokers, controller, partition states.

let bench: TunnelBench;
let zk: NetnsZookeeperMode;

beforeAll(async () => {
  bench = await startTunnelBench('tunnel-zookeeper', { needsKafka: true });
  try {
    zk = await startNetnsZookeeperMode(bench.ctx, bench.ns, bench.stateDir);
    bench.onTeardown(() => zk.zookeeper.stop({ graceMs: 5_000 }));
    bench.onTeardown(() => zk.broker.stop({ graceMs: 5_000 }));
  } catch (error) {
    await bench.teardown();
    throw error;
  }
});
afterAll(async () => {
  await bench?.teardown();
});

describe('ZooKeeper through the SSH jump host', () => {
  it('lists the brokers, the controller and each partition leader and ISR', async () => {
    const profile = tunnelProfile(bench.sshd, {
      name: 'zk-mode',
      bootstrapServers: [zk.bootstrap],
      zookeeper: { connect: zk.zookeeperConnect },
    });
    const connections = new ClusterConnections({ lookup: () => profile });
    try {
      const connection = await connections.resolve('zk-mode');
      const topic = freshTopic('zk-tunnel');
      const admin = new Kafka({
        clientId: 'sluice-zk-test',
        brokers: connection.brokers,
        socketFactory: connection.socketFactory!,
        logLevel: logLevel.NOTHING,
      }).admin();
      await admin.connect();
      try {
        await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
      } finally {
        await admin.disconnect();
      }

      const tunnel = (await connections.tunnel('zk-mode'))!;
      const view = await readZookeeperCluster(zk.zookeeperConnect, { tunnel });
      expect(view.brokers).toEqual([
        {
          id: 1,
          endpoints: [`PLAINTEXT://kafka-inside:${PORTS.zkBroker}`],
          host: 'kafka-inside',
          port: PORTS.zkBroker,
          rack: undefined,
        },
      ]);
      expect(view.controller).toBe(1);
      const created = view.topics.find((t) => t.name === topic);
      expect(created?.partitions.map((p) => [p.partition, p.leader, p.isr])).toEqual([
        [0, 1, [1]],
        [1, 1, [1]],
        [2, 1, [1]],
      ]);
      expect(created?.partitions.every((p) => p.leaderEpoch >= 0 && p.controllerEpoch >= 1)).toBe(true);
    } finally {
      await connections.close();
    }
  });

  it('cannot reach ZooKeeper without the tunnel', async () => {
    const error = await ZookeeperSession.open(`${bench.ns.address}:${PORTS.zookeeper}/kafka`, {
      connectTimeoutMs: 2_000,
    }).then(
      (session) => session.close().then(() => undefined),
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(ConnectionError);
  });

  it('`cluster test` includes the ZooKeeper step', async () => {
    const profile = tunnelProfile(bench.sshd, {
      name: 'zk-check',
      bootstrapServers: [zk.bootstrap],
      zookeeper: { connect: zk.zookeeperConnect },
    });
    const result = await checkCluster(profile);
    expect(result.ok).toBe(true);
    const step = result.steps.find((s) => s.step === 'zookeeper');
    expect(step).toMatchObject({ status: 'ok', target: zk.zookeeperConnect, detail: 'brokers 1, controller 1' });
  });
});
