import { afterAll, describe, expect, it } from 'vitest';
import { clusterHealth, type ClusterHealth } from '../../engine/health/index.js';
import { lintJob } from '../../engine/lint/index.js';
import { parseJobSpec } from '../../engine/spec/index.js';
import { isNodeRunning, nodeBootstrap, startNode, stopNode } from '../bench/cluster-control.js';
import { benchShape, createTopic, freshTopic, kafkaClient, waitFor } from '../bench/helpers.js';

// Cluster health from the real brokers' metadata and, for the ZooKeeper-mode broker, from ZooKeeper.

describe('cluster health of the three-broker cluster', () => {
  const STOPPED = 3;
  afterAll(async () => {
    if (!isNodeRunning(STOPPED)) await startNode(STOPPED);
  });

  it('reports the stopped node behind under-replicated and offline partitions, and healthy once it is back', async () => {
    const { bootstrap } = benchShape('cluster3');
    const replicated = await createTopic(bootstrap, { partitions: 3, replicationFactor: 3 });
    // One replica, on the node about to stop: it goes offline with it.
    const pinned = freshTopic('health-pinned');
    const admin = kafkaClient(bootstrap).admin();
    await admin.connect();
    try {
      await admin.createTopics({
        topics: [{ topic: pinned, replicaAssignment: [{ partition: 0, replicas: [STOPPED] }] }],
        waitForLeaders: false,
      });
      await waitFor(
        async () => (await admin.fetchTopicMetadata({ topics: [pinned] })).topics[0]?.partitions[0]?.leader === STOPPED,
        { message: `a leader for ${pinned}` },
      );
    } finally {
      await admin.disconnect();
    }
    const survivors = { brokers: [nodeBootstrap(1), nodeBootstrap(2)] };
    const check = () => clusterHealth(survivors, { cluster: 'cluster3' });

    const before = await waitFor(async () => ((await check()).healthy ? await check() : undefined), {
      message: 'a healthy cluster3 before the stop',
    });
    expect(before.brokers.map((b) => b.nodeId)).toEqual([1, 2, 3]);
    expect(before.brokers.every((b) => b.reachable)).toBe(true);
    expect(before.controller).toBeDefined();
    // Leaders per broker add up to the partitions that have one.
    expect(before.brokers.reduce((sum, b) => sum + b.leaders, 0)).toBe(before.partitions);

    await stopNode(STOPPED);
    try {
      const during = await waitFor(
        async () => {
          const h = await check();
          const replicatedDone = h.underReplicated.filter((p) => p.topic === replicated).length === 3;
          const pinnedDown = h.offline.some((p) => p.topic === pinned);
          // The controller fences a stopped broker only after its session times out.
          const fenced = !h.brokers.some((b) => b.nodeId === STOPPED);
          return replicatedDone && pinnedDown && fenced ? h : undefined;
        },
        { message: `node ${STOPPED} to drop out of the ISRs`, timeoutMs: 60_000 },
      );
      expect(during.healthy).toBe(false);
      expect(during.brokers.map((b) => b.nodeId)).toEqual([1, 2]);
      for (const p of during.underReplicated.filter((i) => i.topic === replicated)) {
        expect(p.outOfSync).toEqual([STOPPED]);
        expect(p.replicas).toContain(STOPPED);
      }
      const under = during.findings.find((f) => f.ruleId === 'under-replicated' && f.where === `broker ${STOPPED}`);
      expect(under).toMatchObject({ hintId: 'under-replicated', severity: 'warning' });
      expect(under!.message).toContain(`broker ${STOPPED} (not live)`);
      // Other tests' topics share the cluster, so the message counts them all (and lists the first ten).
      const behind = during.underReplicated.filter((p) => p.outOfSync.includes(STOPPED)).length;
      expect(under!.message).toContain(`out of the ISR of ${behind} partition(s)`);
      const offline = during.findings.find((f) => f.ruleId === 'offline-partitions' && f.where === `topic ${pinned}`);
      expect(offline).toMatchObject({ hintId: 'offline-partitions', severity: 'critical' });
      expect(offline!.message).toContain(`broker ${STOPPED} not live`);
      expect(during.offline.find((p) => p.topic === pinned)).toMatchObject({
        partition: 0,
        leader: -1,
        replicas: [STOPPED],
      });
      // Lint reads the same metadata: an offline partition elsewhere does not stop it checking the sink.
      const spec = parseJobSpec({
        version: 1,
        name: 'health-lint',
        source: { cluster: { bootstrapServers: survivors.brokers }, topics: [replicated], groupId: 'g' },
        sink: { type: 'kafka', topic: replicated },
      });
      if (!spec.ok) throw new Error(JSON.stringify(spec.problems));
      const report = await lintJob(spec.value);
      expect(report.clustersChecked).toBe(true);
      // Nothing about the cluster; only which copy path the default sink takes (info, engine/job/copy-path.ts).
      expect(report.findings.filter((f) => f.hintId !== 'shallow-copy')).toEqual([]);
    } finally {
      await startNode(STOPPED);
    }

    const after: ClusterHealth = await waitFor(async () => ((await check()).healthy ? await check() : undefined), {
      message: `cluster3 to be healthy again after node ${STOPPED} restarted`,
      timeoutMs: 90_000,
    });
    expect(after.brokers.map((b) => b.nodeId)).toEqual([1, 2, 3]);
    expect(after.underReplicated).toEqual([]);
    expect(after.offline).toEqual([]);
    expect(after.findings).toEqual([]);
  });
});

describe('cluster health of the ZooKeeper-mode broker', () => {
  it('reads the same controller, brokers, leaders and ISRs from ZooKeeper as from metadata', async () => {
    const zk = benchShape('zk');
    const topic = await createTopic(zk.bootstrap, { partitions: 3 });
    const connect = `${zk.zookeeper.connect}${zk.zookeeper.chroot}`;
    const health = await waitFor(
      async () => {
        const h = await clusterHealth({ brokers: [zk.bootstrap] }, { cluster: 'zk', zookeeper: { connect } });
        return h.zookeeper?.mismatches.length === 0 ? h : undefined;
      },
      { message: 'ZooKeeper and metadata to agree' },
    );
    const view = health.zookeeper!;
    expect(view.connect).toBe(connect);
    expect(view.brokers).toEqual([zk.broker.nodeId]);
    expect(view.controller).toBe(health.controller);
    expect(view.controller).toBe(zk.broker.nodeId);
    expect(view.partitions).toBe(health.partitions);
    expect(view.partitions).toBeGreaterThanOrEqual(3);
    expect(view.topics).toBe(health.topics);
    expect(view.offline).toEqual([]);
    expect(view.underReplicated).toEqual([]);
    expect(health.healthy).toBe(true);
    expect(health.brokers).toEqual([
      expect.objectContaining({ nodeId: zk.broker.nodeId, reachable: true, leaders: health.partitions }),
    ]);
    expect(topic).toBeTruthy();
  });
});
