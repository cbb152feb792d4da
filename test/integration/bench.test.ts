import { describe, expect, inject, it } from 'vitest';
import { createClient, type Client as ZkClient } from 'node-zookeeper-client';
import { Partitioners } from 'kafkajs';
import { Client } from 'ssh2';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { isNodeRunning, nodeBootstrap, nodeIds, startNode, stopNode } from '../bench/cluster-control.js';
import { benchShape, createTopic, drain, freshGroup, kafkaClient, produceN, waitFor } from '../bench/helpers.js';
import { kcatConsume, kcatMetadata, kcatOffsetForTimestamp, kcatProduce } from '../bench/kcat.js';
import { connectSsh, sshSocketFactory } from '../bench/ssh-socket-factory.js';
import { isSshdRunning, startSshd, stopSshd } from '../bench/sshd-control.js';

// Self-tests of the bench: every shape must carry real traffic both ways between kafkajs and an
// independent client (kcat), or the integration tests built on it prove nothing.

const HOUR = 3_600_000;

/** Timestamps an hour in the past, a second apart, so they can't be mistaken for send times. */
function pastTimestamps(): (index: number) => number {
  const base = Date.now() - HOUR;
  return (index) => base + index * 1_000;
}

async function kafkajsRoundTrip(bootstrap: string, replicationFactor: number): Promise<void> {
  const topic = await createTopic(bootstrap, { partitions: 3, replicationFactor });
  const produced = await produceN(bootstrap, topic, 30, { timestamp: pastTimestamps() });
  const drained = await drain(bootstrap, topic);

  expect(drained).toHaveLength(30);
  const byKey = new Map(drained.map((record) => [record.key, record]));
  for (const record of produced) {
    expect(byKey.get(record.key)).toMatchObject({
      value: record.value,
      timestamp: record.timestamp,
      partition: record.partition,
      offset: record.offset,
    });
  }
  // The default partitioner spreads 30 keys; all in one partition would mean partitions were ignored.
  expect(new Set(drained.map((record) => record.partition)).size).toBeGreaterThan(1);
}

async function kcatReadsKafkajs(bootstrap: string): Promise<void> {
  const topic = await createTopic(bootstrap, { partitions: 2 });
  const produced = await produceN(bootstrap, topic, 12, {
    timestamp: pastTimestamps(),
    value: (i) => `{"n":${i},"text":"tab\\there"}`,
  });
  const read = await kcatConsume(bootstrap, topic);

  expect(read).toHaveLength(12);
  for (const record of produced) {
    const match = read.find(
      (candidate) => candidate.partition === record.partition && candidate.offset === record.offset,
    );
    expect(match).toMatchObject({
      key: record.key,
      value: record.value,
      timestamp: record.timestamp,
      timestampType: 'create',
    });
  }
}

async function kafkajsReadsKcat(bootstrap: string): Promise<void> {
  const topic = await createTopic(bootstrap, { partitions: 1 });
  const records = [
    { key: 'k-1', value: 'plain' },
    { key: 'k-2', value: '{"json":true,"list":[1,2]}' },
    { key: null, value: 'no key here' },
    { key: 'k-4', value: 'tab\tand\nnewline' },
  ];
  const before = Date.now();
  await kcatProduce(bootstrap, topic, records);
  const after = Date.now();
  const drained = await drain(bootstrap, topic);

  expect(drained.map(({ key, value }) => ({ key, value }))).toEqual(records);
  for (const record of drained) {
    // kcat cannot choose timestamps: librdkafka stamps each record when it is sent.
    expect(record.timestamp).toBeGreaterThanOrEqual(before - 1_000);
    expect(record.timestamp).toBeLessThanOrEqual(after + 1_000);
  }
}

describe('kraft: single combined node', () => {
  it('carries kafkajs produce and consume with keys, values and timestamps', async () => {
    await kafkajsRoundTrip(benchShape('kraft').bootstrap, 1);
  });

  it('lets kcat read what kafkajs wrote', async () => {
    await kcatReadsKafkajs(benchShape('kraft').bootstrap);
  });

  it('lets kafkajs read what kcat wrote', async () => {
    await kafkajsReadsKcat(benchShape('kraft').bootstrap);
  });

  it('answers offset-by-timestamp lookups through kcat -Q and -o s@', async () => {
    const { bootstrap } = benchShape('kraft');
    const topic = await createTopic(bootstrap);
    const timestampOf = pastTimestamps();
    await produceN(bootstrap, topic, 10, { timestamp: timestampOf });

    expect(await kcatOffsetForTimestamp(bootstrap, topic, 0, timestampOf(6))).toBe(6);
    expect(await kcatOffsetForTimestamp(bootstrap, topic, 0, timestampOf(6) - 500)).toBe(6);
    expect(await kcatOffsetForTimestamp(bootstrap, topic, 0, Date.now() + HOUR)).toBe(-1);
    const fromSix = await kcatConsume(bootstrap, topic, { from: { timestamp: timestampOf(6) } });
    expect(fromSix.map((record) => record.offset)).toEqual([6, 7, 8, 9]);
  });

  it('hides aborted transactions from kcat in read_committed mode', async () => {
    const { bootstrap } = benchShape('kraft');
    const topic = await createTopic(bootstrap);
    const producer = kafkaClient(bootstrap).producer({
      transactionalId: freshGroup('txn'),
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    try {
      const committed = await producer.transaction();
      await committed.send({ topic, messages: [{ key: 'c', value: 'committed' }] });
      await committed.commit();
      const aborted = await producer.transaction();
      await aborted.send({ topic, messages: [{ key: 'a', value: 'aborted' }] });
      await aborted.abort();
    } finally {
      await producer.disconnect();
    }

    const readCommitted = await kcatConsume(bootstrap, topic, { readCommitted: true });
    expect(readCommitted.map((record) => record.value)).toEqual(['committed']);
    const readUncommitted = await kcatConsume(bootstrap, topic);
    expect(readUncommitted.map((record) => record.value)).toEqual(['committed', 'aborted']);
    expect((await drain(bootstrap, topic)).map((record) => record.value)).toEqual(['committed']);
  });

  it('is seen by kcat as one live broker on its advertised loopback port', async () => {
    const kraft = benchShape('kraft');
    const metadata = await kcatMetadata(kraft.bootstrap);
    expect(metadata.brokers).toEqual([{ id: kraft.node.nodeId, name: kraft.bootstrap }]);
  });
});

function zookeeperChildren(connect: string, path: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const client: ZkClient = createClient(connect, { sessionTimeout: 10_000, retries: 2 });
    const timer = setTimeout(() => {
      client.close();
      reject(new Error(`ZooKeeper at ${connect} did not answer within 15s`));
    }, 15_000);
    client.once('connected', () => {
      client.getChildren(path, (error, children) => {
        clearTimeout(timer);
        client.close();
        if (error) reject(error);
        else resolve(children);
      });
    });
    client.connect();
  });
}

describe('zk: ZooKeeper and a ZooKeeper-mode broker', () => {
  it('carries kafkajs produce and consume with keys, values and timestamps', async () => {
    await kafkajsRoundTrip(benchShape('zk').bootstrap, 1);
  });

  it('lets kcat read what kafkajs wrote', async () => {
    await kcatReadsKafkajs(benchShape('zk').bootstrap);
  });

  it('lets kafkajs read what kcat wrote', async () => {
    await kafkajsReadsKcat(benchShape('zk').bootstrap);
  });

  it('registers the broker id in ZooKeeper under the chroot', async () => {
    const zk = benchShape('zk');
    const ids = await zookeeperChildren(zk.zookeeper.connect, `${zk.zookeeper.chroot}/brokers/ids`);
    expect(ids).toEqual([String(zk.broker.nodeId)]);
    const cluster = await kafkaClient(zk.bootstrap).admin();
    await cluster.connect();
    try {
      expect((await cluster.describeCluster()).brokers.map((broker) => broker.nodeId)).toEqual([zk.broker.nodeId]);
    } finally {
      await cluster.disconnect();
    }
  });
});

describe('sshd: a real OpenSSH jump host', () => {
  it('tunnels kafkajs produce and consume to the broker through forwardOut', async () => {
    const sshd = benchShape('sshd');
    const { bootstrap } = benchShape('kraft');
    const topic = await createTopic(bootstrap);
    const ssh = await connectSsh(sshd);
    const opened: string[] = [];
    try {
      const tunnelled = kafkaClient(bootstrap, {
        socketFactory: (args) => {
          opened.push(`${args.host}:${args.port}`);
          return sshSocketFactory(ssh)(args);
        },
      });
      const producer = tunnelled.producer({ createPartitioner: Partitioners.DefaultPartitioner });
      await producer.connect();
      await producer.send({ topic, messages: [{ key: 'through', value: 'the tunnel' }] });
      await producer.disconnect();

      const consumer = tunnelled.consumer({ groupId: freshGroup('ssh'), maxWaitTimeInMs: 250 });
      const seen: string[] = [];
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void seen.push(`${message.key}=${message.value}`) });
      await waitFor(() => seen.length > 0, { message: 'the tunnelled consumer to read the record' });
      await consumer.disconnect();

      expect(seen).toEqual(['through=the tunnel']);
      expect(opened.length).toBeGreaterThan(0);
      expect(new Set(opened)).toEqual(new Set([bootstrap]));
    } finally {
      ssh.end();
    }
    // An independent client confirms the record really reached the broker.
    expect((await kcatConsume(bootstrap, topic)).map((record) => record.value)).toEqual(['the tunnel']);
  });

  it('presents the host key whose fingerprint the bench reports', async () => {
    const sshd = benchShape('sshd');
    let presented = '';
    const client = new Client();
    await new Promise<void>((resolve, reject) => {
      client.once('ready', () => resolve());
      client.once('error', reject);
      client.connect({
        host: sshd.host,
        port: sshd.port,
        username: sshd.user,
        privateKey: readFileSync(sshd.privateKeyPath),
        hostVerifier: (key: Buffer) => {
          presented = `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
          return true;
        },
      });
    });
    client.end();
    expect(sshd.hostKeyFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(presented).toBe(sshd.hostKeyFingerprint);
    expect(readFileSync(sshd.knownHostsPath, 'utf8')).toContain(sshd.hostPublicKey);
  });

  it('accepts the passphrase key only with its passphrase', async () => {
    const sshd = benchShape('sshd');
    const login = (passphrase?: string): Promise<void> =>
      new Promise((resolve, reject) => {
        const client = new Client();
        client.once('ready', () => {
          client.end();
          resolve();
        });
        client.once('error', reject);
        try {
          client.connect({
            host: sshd.host,
            port: sshd.port,
            username: sshd.user,
            privateKey: readFileSync(sshd.passphraseKeyPath),
            ...(passphrase ? { passphrase } : {}),
          });
        } catch (error) {
          reject(error as Error);
        }
      });
    await expect(login(sshd.passphrase)).resolves.toBeUndefined();
    await expect(login()).rejects.toThrow(/passphrase|encrypted/i);
  });

  it('can be stopped and started again by a test', async () => {
    const sshd = benchShape('sshd');
    await stopSshd();
    expect(isSshdRunning()).toBe(false);
    await expect(connectSsh(sshd)).rejects.toThrow(/ECONNREFUSED/);
    await startSshd();
    expect(isSshdRunning()).toBe(true);
    const ssh = await connectSsh(sshd);
    ssh.end();
  });
});

describe('cluster3: three-node KRaft cluster', () => {
  it('carries kafkajs produce and consume with keys, values and timestamps', async () => {
    await kafkajsRoundTrip(benchShape('cluster3').bootstrap, 3);
  });

  it('lets kcat read what kafkajs wrote', async () => {
    await kcatReadsKafkajs(benchShape('cluster3').bootstrap);
  });

  it('lets kafkajs read what kcat wrote', async () => {
    await kafkajsReadsKcat(benchShape('cluster3').bootstrap);
  });

  it('keeps serving with one node stopped and heals when it returns', async () => {
    const cluster = benchShape('cluster3');
    expect(nodeIds()).toEqual([1, 2, 3]);
    const topic = await createTopic(cluster.bootstrap, {
      partitions: 3,
      replicationFactor: 3,
      configs: { 'min.insync.replicas': '2' },
    });

    const admin = kafkaClient(cluster.bootstrap).admin();
    await admin.connect();
    const isrSizes = async (): Promise<number[]> =>
      (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]?.partitions.map(
        (partition) => partition.isr.length,
      ) ?? [];
    try {
      expect(await isrSizes()).toEqual([3, 3, 3]);
      // Stop the leader of partition 0, so leadership has to move and not just a follower go quiet.
      const leader = (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]?.partitions.find(
        (p) => p.partitionId === 0,
      )?.leader;
      const victim = leader ?? 1;
      await stopNode(victim);
      expect(isNodeRunning(victim)).toBe(false);

      const survivors = nodeIds()
        .filter((id) => id !== victim)
        .map(nodeBootstrap)
        .join(',');
      await waitFor(async () => (await isrSizes()).every((size) => size === 2), {
        message: `ISR of ${topic} to shrink to 2 after stopping node ${victim}`,
        timeoutMs: 60_000,
      });
      const produced = await produceN(survivors, topic, 15, { timestamp: pastTimestamps() });
      const drained = await drain(survivors, topic);
      expect(drained.map((record) => record.value).sort()).toEqual(produced.map((record) => record.value).sort());

      await startNode(victim);
      expect(isNodeRunning(victim)).toBe(true);
      await waitFor(async () => (await isrSizes()).every((size) => size === 3), {
        message: `ISR of ${topic} to be full (3) again after restarting node ${victim}`,
        timeoutMs: 90_000,
      });
      const all = await kcatConsume(cluster.bootstrap, topic);
      expect(all).toHaveLength(15);
    } finally {
      await admin.disconnect();
    }
  });

  it('reports every node by id and loopback address', async () => {
    const cluster = benchShape('cluster3');
    const metadata = await kcatMetadata(cluster.bootstrap);
    expect(metadata.brokers.map((broker) => broker.id).sort()).toEqual([1, 2, 3]);
    expect(metadata.brokers.map((broker) => broker.name).sort()).toEqual([...cluster.brokers].sort());
    expect(inject('bench').stateDir).toContain(inject('bench').runId);
  });
});
