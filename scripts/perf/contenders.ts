import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CopyPathKind } from '../../engine/job/copy-path.js';

export interface RunContext {
  root: string;
  bootstrap: string;
  input: string;
  output: string;
  records: number;
  groupId: string;
  /** A fresh directory for this run's spec and state. */
  workDir: string;
}

export type Delivery = 'none' | 'at-least-once' | 'exactly-once';

export interface Contender {
  id: string;
  label: string;
  start(ctx: RunContext): ChildProcess[];
  /**
   * The records it handled, from its stderr, when that is not the output topic's count (a job with
   * the `none` sink writes nothing); the run fails unless this equals the input's records.
   */
  handled?(stderr: string): number | undefined;
  /**
   * Sluice jobs: the copy path the job must take. The bench reads the run's metrics file
   * (`runMetricsFile`) and stops with an error when the job took the other one.
   */
  copyPath?: CopyPathKind;
}

/** Where `sluice run --metrics-file` writes a run's final metrics. */
export const runMetricsFile = (ctx: RunContext) => join(ctx.workDir, 'metrics.json');

const quietEnv = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env['NODE_ENV']; // kafkajs shortens retries in test mode
  delete env['SLUICE_LOG'];
  return env;
};

/**
 * `sluice run` on a bounded Kafka-to-Kafka job, as an operator runs it; `sink` adds sink settings,
 * `source` source settings. It must take the record path unless `copyPath` says otherwise.
 */
export function sluice(
  delivery: Delivery,
  checkpointMs: number,
  label: string,
  id: string,
  sink: Record<string, unknown> = {},
  options: { source?: Record<string, unknown>; copyPath?: CopyPathKind } = {},
): Contender {
  const job = sluiceJob(id, label, (ctx) => ({
    version: 1,
    name: `bench-${id}`,
    source: {
      cluster: { bootstrapServers: [ctx.bootstrap] },
      topics: [ctx.input],
      groupId: ctx.groupId,
      stopAt: { mode: 'latest' },
      ...options.source,
    },
    sink: {
      type: 'kafka',
      topic: ctx.output,
      deliveryGuarantee: delivery,
      ...(delivery === 'exactly-once' ? { transactionalIdPrefix: `bench-${ctx.groupId}` } : {}),
      ...sink,
    },
    checkpoint: { intervalMs: checkpointMs, retain: 3 },
    restart: { strategy: 'none' },
  }));
  return { ...job, copyPath: options.copyPath ?? 'record' };
}

/** `sluice run` on the job `spec` builds for a run; `clusters` is a cluster profiles file for `--clusters`. */
export function sluiceJob(
  id: string,
  label: string,
  spec: (ctx: RunContext) => Record<string, unknown>,
  clusters?: string,
): Contender {
  return {
    id,
    label,
    start(ctx) {
      const specFile = join(ctx.workDir, 'job.json');
      writeFileSync(specFile, JSON.stringify(spec(ctx), null, 2));
      const cli = join(ctx.root, 'out', 'cli', 'sluice.js');
      const args = [cli, 'run', specFile, '--state-dir', join(ctx.workDir, 'state'), '--progress-interval', '60000'];
      args.push('--metrics-file', runMetricsFile(ctx));
      if (clusters !== undefined) args.push('--clusters', clusters);
      return [spawn(process.execPath, args, { env: quietEnv(), stdio: ['ignore', 'ignore', 'pipe'] })];
    },
  };
}

const rawKafkajs: Contender = {
  id: 'raw-kafkajs',
  label: 'raw kafkajs loop',
  start(ctx) {
    const script = join(ctx.root, 'scripts', 'perf', 'raw-loop.js');
    const args = [script, ctx.bootstrap, ctx.input, ctx.output, String(ctx.records), ctx.groupId];
    return [spawn(process.execPath, args, { env: quietEnv(), stdio: ['ignore', 'ignore', 'pipe'] })];
  },
};

/** librdkafka on both ends: the floor of what a copy costs on this machine; `compression` for its producer. */
export const kcatPipeWith = (compression = 'none'): Contender => ({
  id: compression === 'none' ? 'kcat-pipe' : `kcat-pipe-${compression}`,
  label: compression === 'none' ? 'kcat -C -e | kcat -P' : `kcat -C -e | kcat -P -z ${compression}`,
  start(ctx) {
    const consumer = spawn(
      'kcat',
      ['-C', '-q', '-e', '-b', ctx.bootstrap, '-t', ctx.input, '-o', 'beginning', '-f', '%k\t%s\n'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const producer = spawn(
      'kcat',
      [
        '-P',
        '-q',
        '-b',
        ctx.bootstrap,
        '-t',
        ctx.output,
        '-K',
        '\t',
        '-X',
        'acks=all',
        '-X',
        'enable.idempotence=true',
        '-z',
        compression,
      ],
      { stdio: [consumer.stdout, 'ignore', 'pipe'] },
    );
    return [consumer, producer];
  },
});
const kcatPipe = kcatPipeWith();

/** One checkpoint an hour means only the final one: the cost of checkpointing every second is the gap to this. */
export const NO_PERIODIC_CHECKPOINT_MS = 3_600_000;

/**
 * The same jobs made eligible for the shallow copy path (engine/job/copy-path.ts): bytes formats,
 * each record to its source partition number, the source timestamps kept; sink compression stays
 * `none`, so every batch keeps its own codec.
 */
const shallow = (delivery: Delivery, label: string, id: string): Contender =>
  sluice(
    delivery,
    1_000,
    label,
    id,
    { partitioner: 'source-partition', writeTimestamp: true },
    { source: { keyFormat: 'bytes', valueFormat: 'bytes' }, copyPath: 'shallow' },
  );

export const CONTENDERS: readonly Contender[] = [
  rawKafkajs,
  kcatPipe,
  sluice('none', 1_000, 'Sluice, delivery none', 'sluice-none'),
  sluice('at-least-once', 1_000, 'Sluice, at-least-once', 'sluice-alo'),
  sluice('at-least-once', NO_PERIODIC_CHECKPOINT_MS, 'Sluice, at-least-once, final checkpoint only', 'sluice-alo-nocp'),
  sluice('exactly-once', 1_000, 'Sluice, exactly-once', 'sluice-eos'),
  shallow('at-least-once', 'Sluice shallow, at-least-once', 'sluice-shallow-alo'),
  shallow('exactly-once', 'Sluice shallow, exactly-once', 'sluice-shallow-eos'),
];

/** A contender of `CONTENDERS` by id. */
export function contender(id: string): Contender {
  const found = CONTENDERS.find((c) => c.id === id);
  if (!found) throw new Error(`no bench contender "${id}"`);
  return found;
}

export const replayContender = sluice('at-least-once', 1_000, 'Sluice, at-least-once (replay)', 'sluice-replay');
