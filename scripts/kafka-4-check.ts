#!/usr/bin/env -S npx tsx
// Which kafkajs calls work against Kafka 4.x? Starts a single KRaft node from the newest 4.x jars
// (test/kafka/pom-4.xml), tries each call Sluice relies on one by one, and prints what works and
// the exact error of what does not. Not part of `npm test`: run it by hand when kafkajs or Kafka
// changes, and copy the table into the README's compatibility section.
//   npx tsx scripts/kafka-4-check.ts [--kafka-version 4.4.0]   (3.9.x runs the same checks as a control)
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Kafka, logLevel, Partitioners, type Admin } from 'kafkajs';
import type { BenchContext } from '../test/bench/bench-context.js';
import { BenchError } from '../test/bench/bench-error.js';
import { benchResultsDir, createRunDirs, kafkaConfigDir } from '../test/bench/bench-paths.js';
import { stopAllComponents } from '../test/bench/component-control.js';
import { checkJava } from '../test/bench/java.js';
import { ensureKafkaJars, KAFKA_4_VERSION } from '../test/bench/kafka-jars.js';
import { startKraftSingle } from '../test/bench/kraft-single.js';

const { values } = parseArgs({ options: { 'kafka-version': { type: 'string', default: KAFKA_4_VERSION } } });
const version = values['kafka-version'];
const pom = join(kafkaConfigDir, Number(version.split('.')[0]) >= 4 ? 'pom-4.xml' : 'pom.xml');
const CALL_TIMEOUT_MS = 30_000;

interface Shared {
  kafka: Kafka;
  admin: Admin;
  topic: string;
  group: string;
  sentAt: number;
}

interface Check {
  name: string;
  run: (shared: Shared) => Promise<string | void>;
}

/** Consumes in a fresh group until `count` records arrived; optionally seeks partition 0 on joining. */
const consume = async (shared: Shared, groupId: string, count: number, seekTo?: string): Promise<string[]> => {
  const consumer = shared.kafka.consumer({ groupId, maxWaitTimeInMs: 250 });
  const seen: string[] = [];
  if (seekTo !== undefined) {
    // kafkajs accepts seek only once run() started; on group join is before the first fetch.
    consumer.on(consumer.events.GROUP_JOIN, () => consumer.seek({ topic: shared.topic, partition: 0, offset: seekTo }));
  }
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: shared.topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message, partition }) => {
        seen.push(`${partition}:${message.offset}`);
      },
    });
    const deadline = Date.now() + 20_000;
    while (seen.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    if (seen.length < count) throw new Error(`consumed ${seen.length} of ${count} records in 20s`);
  } finally {
    await consumer.disconnect();
  }
  return seen;
};

const checks: Check[] = [
  {
    name: 'admin.describeCluster',
    run: async ({ admin }) => `brokers ${(await admin.describeCluster()).brokers.map((b) => b.nodeId).join(',')}`,
  },
  {
    name: 'admin.createTopics',
    run: async ({ admin, topic }) => {
      const created = await admin.createTopics({
        topics: [{ topic, numPartitions: 2, replicationFactor: 1 }],
        waitForLeaders: true,
      });
      if (!created) throw new Error('createTopics returned false (topic existed)');
    },
  },
  {
    name: 'admin.listTopics',
    run: async ({ admin, topic }) => {
      const topics = await admin.listTopics();
      if (!topics.includes(topic)) throw new Error(`${topic} missing from ${topics.join(', ')}`);
      return `${topics.length} topics`;
    },
  },
  {
    name: 'admin.fetchTopicMetadata',
    run: async ({ admin, topic }) =>
      `${(await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]?.partitions.length} partitions`,
  },
  {
    name: 'producer.send (acks=all)',
    run: async (shared) => {
      const producer = shared.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
      await producer.connect();
      shared.sentAt = Date.now();
      const result = await producer.send({
        topic: shared.topic,
        acks: -1,
        messages: Array.from({ length: 10 }, (_, i) => ({
          key: `k${i}`,
          value: `v${i}`,
          partition: i % 2,
          timestamp: String(shared.sentAt + i),
        })),
      });
      await producer.disconnect();
      return `base offsets ${result.map((r) => `${r.partition}:${r.baseOffset}`).join(' ')}`;
    },
  },
  {
    name: 'admin.fetchTopicOffsets',
    run: async ({ admin, topic }) =>
      (await admin.fetchTopicOffsets(topic)).map((p) => `${p.partition}:${p.low}-${p.high}`).join(' '),
  },
  {
    name: 'admin.fetchTopicOffsetsByTimestamp',
    run: async ({ admin, topic, sentAt }) =>
      (await admin.fetchTopicOffsetsByTimestamp(topic, sentAt + 4)).map((p) => `${p.partition}:${p.offset}`).join(' '),
  },
  {
    name: 'consumer.run (subscribe, eachMessage)',
    run: async (shared) => `${(await consume(shared, shared.group, 10)).length} records`,
  },
  {
    name: 'consumer.seek',
    run: async (shared) => {
      // 5 records per partition so far: all of partition 1, and 2..4 of partition 0 after the seek.
      const seen = await consume(shared, `${shared.group}-seek`, 8, '2');
      const partitionZero = seen.filter((record) => record.startsWith('0:')).join(' ');
      if (partitionZero !== '0:2 0:3 0:4') throw new Error(`partition 0 delivered ${partitionZero} after seek to 2`);
      return 'partition 0 resumed at offset 2';
    },
  },
  {
    name: 'consumer.commitOffsets',
    run: async (shared) => {
      const consumer = shared.kafka.consumer({ groupId: `${shared.group}-manual` });
      await consumer.connect();
      await consumer.subscribe({ topic: shared.topic, fromBeginning: true });
      await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      try {
        await consumer.commitOffsets([{ topic: shared.topic, partition: 0, offset: '3' }]);
      } finally {
        await consumer.disconnect();
      }
    },
  },
  {
    name: 'admin.fetchOffsets',
    run: async ({ admin, topic, group }) => {
      const [entry] = await admin.fetchOffsets({ groupId: `${group}-manual`, topics: [topic] });
      const p0 = entry?.partitions.find((p) => p.partition === 0)?.offset;
      if (p0 !== '3') throw new Error(`partition 0 committed offset is ${p0}, expected 3`);
      return `partition 0 at ${p0}`;
    },
  },
  {
    name: 'admin.describeGroups',
    run: async ({ admin, group }) =>
      (await admin.describeGroups([group])).groups
        .map((g) => `${g.groupId} ${g.state} protocol=${g.protocolType}`)
        .join(' '),
  },
  { name: 'admin.listGroups', run: async ({ admin }) => `${(await admin.listGroups()).groups.length} groups` },
  {
    name: 'admin.describeConfigs',
    run: async ({ admin, topic }) => {
      const result = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: 2, name: topic, configNames: ['cleanup.policy'] }],
      });
      return `cleanup.policy=${result.resources[0]?.configEntries[0]?.configValue}`;
    },
  },
  {
    name: 'producer.send (idempotent)',
    run: async ({ kafka, topic }) => {
      const producer = kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      try {
        await producer.send({ topic, acks: -1, messages: [{ key: 'idem', value: 'once', partition: 0 }] });
      } finally {
        await producer.disconnect();
      }
    },
  },
  {
    name: 'transactional producer (send + commit)',
    run: async ({ kafka, topic, group }) => {
      const producer = kafka.producer({
        transactionalId: `${group}-txn`,
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      try {
        const transaction = await producer.transaction();
        await transaction.send({ topic, messages: [{ key: 'txn', value: 'committed', partition: 0 }] });
        await transaction.commit();
      } finally {
        await producer.disconnect();
      }
    },
  },
  {
    name: 'transactional producer sendOffsets',
    run: async ({ kafka, topic, group }) => {
      const producer = kafka.producer({
        transactionalId: `${group}-txn-offsets`,
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      try {
        const transaction = await producer.transaction();
        await transaction.send({ topic, messages: [{ key: 'txn', value: 'with offsets', partition: 1 }] });
        await transaction.sendOffsets({
          consumerGroupId: `${group}-eos`,
          topics: [{ topic, partitions: [{ partition: 0, offset: '5' }] }],
        });
        await transaction.commit();
      } finally {
        await producer.disconnect();
      }
    },
  },
  {
    name: 'admin.deleteTopicRecords (DeleteRecords)',
    run: async ({ admin, topic }) => {
      await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '2' }] });
      const low = (await admin.fetchTopicOffsets(topic)).find((p) => p.partition === 0)?.low;
      if (low !== '2') throw new Error(`low watermark is ${low} after deleting below 2`);
      return 'partition 0 now starts at 2';
    },
  },
  { name: 'admin.deleteTopics', run: async ({ admin, topic }) => void (await admin.deleteTopics({ topics: [topic] })) },
];

async function runCheck(check: Check, shared: Shared): Promise<{ name: string; ok: boolean; detail: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CALL_TIMEOUT_MS / 1000}s`)), CALL_TIMEOUT_MS);
  });
  try {
    const detail = await Promise.race([check.run(shared), timeout]);
    return { name: check.name, ok: true, detail: detail ?? '' };
  } catch (error) {
    const err = error as Error & { type?: string; code?: number };
    return {
      name: check.name,
      ok: false,
      detail: `${err.name}${err.type ? ` ${err.type}` : ''}${err.code !== undefined ? ` (code ${err.code})` : ''}: ${err.message}`,
    };
  } finally {
    clearTimeout(timer);
  }
}

async function main(): Promise<number> {
  const dirs = createRunDirs(join(benchResultsDir, 'kafka-4-check'));
  await checkJava();
  console.log(`kafka-4-check: resolving Kafka ${version} from ${pom}...`);
  const jarsDir = await ensureKafkaJars({ version, pom, logPath: join(dirs.logDir, 'maven.log') });
  const ctx: BenchContext = { ...dirs, kafkaVersion: version, jarsDir };
  try {
    const broker = await startKraftSingle(ctx, { name: `kafka-${version}` });
    console.log(
      `kafka-4-check: Kafka ${version} KRaft node at ${broker.bootstrap}; kafkajs ${await kafkajsVersion()}\n`,
    );
    const kafka = new Kafka({
      clientId: 'sluice-kafka-4-check',
      brokers: [broker.bootstrap],
      logLevel: logLevel.NOTHING,
      retry: { retries: 2 },
      requestTimeout: 10_000,
    });
    const admin = kafka.admin();
    await admin.connect();
    const suffix = Date.now().toString(36);
    const shared: Shared = { kafka, admin, topic: `compat-${suffix}`, group: `compat-${suffix}`, sentAt: Date.now() };
    const results = [];
    for (const check of checks) {
      const result = await runCheck(check, shared);
      results.push(result);
      console.log(`${result.ok ? 'works' : 'FAILS'}  ${result.name}${result.detail ? `  — ${result.detail}` : ''}`);
    }
    await admin.disconnect().catch(() => undefined);
    const failed = results.filter((result) => !result.ok).length;
    console.log(
      `\nkafka-4-check: Kafka ${version}: ${results.length - failed} of ${results.length} kafkajs calls work; broker log in ${dirs.logDir}`,
    );
    return 0;
  } finally {
    await stopAllComponents(dirs.stateDir);
  }
}

async function kafkajsVersion(): Promise<string> {
  const { createRequire } = await import('node:module');
  return (createRequire(import.meta.url)('kafkajs/package.json') as { version: string }).version;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof BenchError ? error.message : error);
    process.exit(1);
  },
);
