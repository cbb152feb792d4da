import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Partitioners } from 'kafkajs';
import { createJob, type Job, type JobEvents, type JobOptions, type JobResult } from '../../engine/job/index.js';
import { describeProblems, parseJobSpec, type JobSpec, type JobSpecInput } from '../../engine/spec/index.js';
import { defaultBroker, freshGroup, kafkaClient, uniqueName, waitFor } from '../bench/helpers.js';

// Shared by the engine-*.test.ts files: a job spec against the single KRaft node with test-friendly
// defaults, a job that records its events, and readers for what the sinks wrote.

export const bootstrap = (): string => defaultBroker().bootstrap;

type SpecOverrides = Omit<Partial<JobSpecInput>, 'source'> & { source: Partial<JobSpecInput['source']> };

/** A valid spec: fresh name and group, inline bootstrap, quick checkpoints, no restarts. */
export function jobSpec(overrides: SpecOverrides): JobSpec {
  const { source, ...rest } = overrides;
  const input = {
    version: 1,
    name: uniqueName('job'),
    sink: { type: 'none' },
    checkpoint: { intervalMs: 500 },
    restart: { strategy: 'none' },
    ...rest,
    source: { cluster: { bootstrapServers: [bootstrap()] }, groupId: freshGroup('job'), ...source },
  };
  const parsed = parseJobSpec(input);
  if (!parsed.ok) throw new Error(`test spec is invalid:\n${describeProblems(parsed.problems)}`);
  return parsed.value;
}

export const freshStateDir = (): string => mkdtempSync(join(tmpdir(), 'sluice-engine-test-'));

export interface RecordedJob {
  job: Job;
  events: { [E in keyof JobEvents]: JobEvents[E][] };
}

export function recordedJob(spec: JobSpec, options: Partial<JobOptions> = {}): RecordedJob {
  const job = createJob(spec, { stateDir: options.stateDir ?? freshStateDir(), ...options });
  const events: RecordedJob['events'] = {
    state: [],
    started: [],
    checkpoint: [],
    metrics: [],
    warning: [],
    error: [],
    discovery: [],
    hints: [],
  };
  for (const name of Object.keys(events) as (keyof JobEvents)[]) {
    job.on(name, (payload) => (events[name] as unknown[]).push(payload));
  }
  return { job, events };
}

/** Starts a bounded job and waits for it to end by itself. */
export async function runBounded(
  spec: JobSpec,
  options: Partial<JobOptions> = {},
): Promise<RecordedJob & { result: JobResult }> {
  const recorded = recordedJob(spec, options);
  await recorded.job.start();
  const result = await withTimeout(recorded.job.done(), 60_000, `job ${spec.name} to finish`);
  return { ...recorded, result };
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms}ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface NdjsonRecord {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  key: unknown;
  value: unknown;
  headers: Record<string, string>;
}

export async function readNdjson(path: string): Promise<NdjsonRecord[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as NdjsonRecord);
}

/** Offsets read per partition, e.g. { 0: [5, 6, 7], 1: [] }. */
export function offsetsByPartition(
  records: readonly { partition: number; offset: number }[],
  partitions: number,
): Record<number, number[]> {
  const out: Record<number, number[]> = {};
  for (let p = 0; p < partitions; p++) out[p] = [];
  for (const r of records) out[r.partition]!.push(r.offset);
  for (const list of Object.values(out)) list.sort((a, b) => a - b);
  return out;
}

export const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

/**
 * `count` records into each partition, in one send per partition; values are `p<partition>-<i>`
 * with i counting from `from` (default 0), so later fills can continue the sequence.
 */
export async function fillPartitions(
  topic: string,
  partitions: number,
  count: number,
  options: {
    from?: number;
    timestamp?: (partition: number, index: number) => number;
    key?: (partition: number, index: number) => string;
  } = {},
): Promise<void> {
  const producer = kafkaClient(bootstrap()).producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    for (let partition = 0; partition < partitions; partition++) {
      await producer.send({
        topic,
        acks: -1,
        messages: range(options.from ?? 0, (options.from ?? 0) + count).map((i) => ({
          partition,
          key: options.key ? options.key(partition, i) : `k-${partition}-${i}`,
          value: `p${partition}-${i}`,
          ...(options.timestamp ? { timestamp: String(options.timestamp(partition, i)) } : {}),
        })),
      });
    }
  } finally {
    await producer.disconnect();
  }
}

/** Commits offsets for a group that has no members, as an operator's tooling would. */
export async function commitGroupOffsets(
  groupId: string,
  topic: string,
  offsets: Record<number, number>,
): Promise<void> {
  const admin = kafkaClient(bootstrap()).admin();
  await admin.connect();
  try {
    await admin.setOffsets({
      groupId,
      topic,
      partitions: Object.entries(offsets).map(([partition, offset]) => ({
        partition: Number(partition),
        offset: String(offset),
      })),
    });
  } finally {
    await admin.disconnect();
  }
}

export async function fetchGroupOffsets(
  groupId: string,
  topic: string,
  cluster: string = bootstrap(),
): Promise<{ partition: number; offset: number; metadata: string | null }[]> {
  const admin = kafkaClient(cluster).admin();
  await admin.connect();
  try {
    const [result] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return (result?.partitions ?? []).map((p) => ({
      partition: p.partition,
      offset: Number(p.offset),
      metadata: p.metadata,
    }));
  } finally {
    await admin.disconnect();
  }
}

/** Waits until the cluster's group coordinator answers (a fresh broker's may still be loading). */
export async function groupCoordinatorReady(brokers: string): Promise<void> {
  const admin = kafkaClient(brokers).admin();
  await admin.connect();
  try {
    const answered = () => admin.fetchOffsets({ groupId: 'sluice-test-warmup' }).then(Boolean, () => false);
    await waitFor(answered, { timeoutMs: 30_000, message: `the group coordinator of ${brokers} did not answer` });
  } finally {
    await admin.disconnect();
  }
}
