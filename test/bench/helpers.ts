import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { logLevel, Partitioners, type Admin, type ITopicConfig, type Kafka, type KafkaConfig } from 'kafkajs';
import { newKafkaClient } from '../../engine/codecs/index.js';
import type { BenchInfo, BenchShape, KraftBench } from './bench-info.js';

/** A name no other test (or earlier run against a persistent broker) has used. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

export const freshTopic = (prefix = 'topic'): string => uniqueName(prefix);
export const freshGroup = (prefix = 'group'): string => uniqueName(prefix);

/** The shape's info, or a failure that says how to get it: a missing peer must not look like a pass. */
export function benchShape<S extends BenchShape>(shape: S): NonNullable<BenchInfo[S]> {
  const info = inject('bench')[shape];
  if (!info) throw new Error(`bench shape '${shape}' is not running; include it in SLUICE_BENCH_SHAPES`);
  return info as NonNullable<BenchInfo[S]>;
}

/**
 * The single KRaft node most tests use: Kafka 3.9 (`kraft`), or, in a run that starts only the
 * Kafka 4.x node (`SLUICE_BENCH_SHAPES=kraft4`, the second pass of `npm test`), that one, so the
 * same core tests run against both release lines.
 */
export function defaultBroker(): KraftBench {
  const bench = inject('bench');
  return bench.kraft ?? bench.kraft4 ?? benchShape('kraft');
}

const logLevels: Record<string, logLevel> = {
  nothing: logLevel.NOTHING,
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
};

/**
 * A kafkajs client for tests, with fast retries. Silent by default because kafkajs logs every
 * retried request at ERROR, which buries real failures (they surface as thrown errors anyway);
 * SLUICE_KAFKAJS_LOG=debug|info|warn|error brings the log back when chasing one.
 */
export function kafkaClient(bootstrap: string, config: Partial<KafkaConfig> = {}): Kafka {
  return newKafkaClient({
    clientId: 'sluice-test',
    brokers: bootstrap.split(','),
    logLevel: logLevels[process.env['SLUICE_KAFKAJS_LOG'] ?? 'nothing'] ?? logLevel.NOTHING,
    retry: { retries: 8, initialRetryTime: 200 },
    ...config,
  });
}

export interface WaitForOptions {
  /**
   * Says what is awaited; the timeout error reads "timed out after Nms waiting for <message>".
   * A function is called at the deadline, so the message can report progress.
   */
  message: string | (() => string);
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Polls until `condition` returns something truthy and returns it. Errors thrown by the condition
 * count as "not yet"; the last one is quoted if the deadline passes.
 */
export async function waitFor<T>(condition: () => T | Promise<T>, options: WaitForOptions): Promise<NonNullable<T>> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const detail = lastError ? ` (last error: ${(lastError as Error).message})` : '';
      const message = typeof options.message === 'function' ? options.message() : options.message;
      throw new Error(`timed out after ${timeoutMs}ms waiting for ${message}${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
  }
}

export interface CreateTopicOptions {
  /** Defaults to a fresh unique name. */
  topic?: string;
  partitions?: number;
  /** Defaults to the broker's default.replication.factor. */
  replicationFactor?: number;
  configs?: Record<string, string>;
}

/**
 * Creates a topic and waits until every listed broker reports a leader for every partition, so the
 * next client, whichever broker it asks, finds the topic. kafkajs's own `waitForLeaders` gives up
 * on the first broker that has not heard of the topic yet. Returns the topic name.
 */
export async function createTopic(bootstrap: string, options: CreateTopicOptions = {}): Promise<string> {
  const topic = options.topic ?? freshTopic();
  const partitions = options.partitions ?? 1;
  const admin = kafkaClient(bootstrap).admin();
  await admin.connect();
  try {
    const config: ITopicConfig = {
      topic,
      numPartitions: partitions,
      replicationFactor: options.replicationFactor ?? -1,
      configEntries: Object.entries(options.configs ?? {}).map(([name, value]) => ({ name, value })),
    };
    await admin.createTopics({ topics: [config], waitForLeaders: false });
  } finally {
    await admin.disconnect();
  }
  for (const broker of bootstrap.split(',')) {
    const brokerAdmin = kafkaClient(broker, { retry: { retries: 0 } }).admin();
    await brokerAdmin.connect();
    try {
      await waitFor(
        async () => {
          const metadata = await brokerAdmin.fetchTopicMetadata({ topics: [topic] });
          const found = metadata.topics[0]?.partitions ?? [];
          return found.length === partitions && found.every((partition) => partition.leader >= 0);
        },
        { message: `${broker} to report leaders for all ${partitions} partitions of ${topic}` },
      );
    } finally {
      await brokerAdmin.disconnect();
    }
  }
  return topic;
}

export interface ProducedRecord {
  key: string | null;
  value: string;
  timestamp: number;
  partition: number;
  offset: number;
}

export interface ProduceNOptions {
  key?: (index: number) => string | null;
  value?: (index: number) => string;
  /** Explicit CreateTime per record; defaults to the send time. */
  timestamp?: (index: number) => number;
  partition?: number;
  /** acks for each send; default -1 (all in-sync replicas). */
  acks?: number;
}

/**
 * Produces `count` records with kafkajs (keys `key-<i>`, values `value-<i>` unless given) and
 * returns where each landed. One send per record, so each record's offset is known; fine for the
 * tens of records a test needs, not for volume.
 */
export async function produceN(
  bootstrap: string,
  topic: string,
  count: number,
  options: ProduceNOptions = {},
): Promise<ProducedRecord[]> {
  const producer = kafkaClient(bootstrap).producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    const now = Date.now();
    const records = Array.from({ length: count }, (_, index) => ({
      key: options.key ? options.key(index) : `key-${index}`,
      value: options.value ? options.value(index) : `value-${index}`,
      timestamp: options.timestamp ? options.timestamp(index) : now,
    }));
    const messages = records.map((record) => ({
      key: record.key,
      value: record.value,
      timestamp: String(record.timestamp),
      ...(options.partition !== undefined ? { partition: options.partition } : {}),
    }));
    const produced: ProducedRecord[] = [];
    for (const [index, message] of messages.entries()) {
      const [metadata] = await producer.send({ topic, messages: [message], acks: options.acks ?? -1 });
      const record = records[index];
      if (!metadata || !record) throw new Error(`no produce metadata for record ${index} of ${topic}`);
      produced.push({ ...record, partition: metadata.partition, offset: Number(metadata.baseOffset) });
    }
    return produced;
  } finally {
    await producer.disconnect();
  }
}

export interface DrainedRecord {
  partition: number;
  offset: number;
  key: string | null;
  value: string | null;
  timestamp: number;
  headers: Record<string, string>;
}

export interface DrainOptions {
  /** Stop once this many records arrived; otherwise read up to the end offsets seen at the start. */
  expected?: number;
  timeoutMs?: number;
  groupId?: string;
  readUncommitted?: boolean;
}

/**
 * Reads a topic from the beginning with a kafkajs consumer in a fresh group and returns the records
 * sorted by partition and offset. "The end" is the high watermark seen when drain starts; a
 * partition counts as read once a fetched batch reaches it, which also covers a trailing
 * transaction marker that never shows up as a message.
 */
export async function drain(bootstrap: string, topic: string, options: DrainOptions = {}): Promise<DrainedRecord[]> {
  const kafka = kafkaClient(bootstrap);
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<number, number>();
  try {
    for (const partition of await admin.fetchTopicOffsets(topic)) ends.set(partition.partition, Number(partition.high));
  } finally {
    await admin.disconnect();
  }

  const consumer = kafka.consumer({
    groupId: options.groupId ?? freshGroup('drain'),
    readUncommitted: options.readUncommitted ?? false,
    maxWaitTimeInMs: 250,
  });
  const records: DrainedRecord[] = [];
  const reached = new Set([...ends].filter(([, end]) => end === 0).map(([partition]) => partition));
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    if (payload.topic === topic && Number(payload.lastOffset) + 1 >= (ends.get(payload.partition) ?? Infinity)) {
      reached.add(payload.partition);
    }
  });
  const done = (): boolean =>
    options.expected !== undefined ? records.length >= options.expected : reached.size >= ends.size;
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) headers[name] = String(value);
        records.push({
          partition,
          offset: Number(message.offset),
          key: message.key?.toString('utf8') ?? null,
          value: message.value?.toString('utf8') ?? null,
          timestamp: Number(message.timestamp),
          headers,
        });
      },
    });
    const target =
      options.expected !== undefined
        ? `${options.expected} records`
        : `end offsets ${JSON.stringify(Object.fromEntries(ends))}`;
    await waitFor(done, {
      message: () =>
        `${target} of ${topic} (read ${records.length} records; partitions done: ${[...reached].join(',') || 'none'})`,
      timeoutMs: options.timeoutMs ?? 60_000,
      intervalMs: 100,
    });
  } finally {
    await consumer.disconnect();
  }
  return records.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}

/** A group's committed offsets on one topic, in partition order. */
export async function committedOffsets(admin: Admin, group: string, topic: string): Promise<number[]> {
  const [entry] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
  return (entry?.partitions ?? []).sort((a, b) => a.partition - b.partition).map((p) => Number(p.offset));
}
