import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../bench/bench-paths.js';
import { defaultBroker, freshGroup, kafkaClient, uniqueName, waitFor } from '../bench/helpers.js';
import { kcatProduce } from '../bench/kcat.js';

// Shared by the cli-*.test.ts files: the real `sluice` binary as a subprocess, built once per
// file from the current sources, with job specs written to temp files.

const bin = join(projectRoot, 'bin', 'sluice.js');

/** Bundles engine/cli/main.ts the way `npm run build:cli` does; call from beforeAll. */
export async function buildCli(): Promise<void> {
  await promisify(execFile)(process.execPath, [join(projectRoot, 'scripts', 'build-node.js'), 'cli'], {
    cwd: projectRoot,
  });
}

export const kraftBootstrap = (): string => defaultBroker().bootstrap;

export const tempDir = (prefix = 'sluice-cli-test-'): string => mkdtempSync(join(tmpdir(), prefix));

/**
 * The child's environment: no NODE_ENV=test from vitest (kafkajs shortens its retries in test
 * mode, and the CLI must be tested as operators run it), and a state dir that is never ~/.sluice.
 */
let defaultStateDir: string | undefined;
function childEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  defaultStateDir ??= join(tempDir(), 'state');
  const env: NodeJS.ProcessEnv = { ...process.env, SLUICE_STATE_DIR: defaultStateDir, ...extra };
  delete env['NODE_ENV'];
  delete env['VITEST'];
  delete env['VITEST_WORKER_ID'];
  delete env['VITEST_POOL_ID'];
  for (const [key, value] of Object.entries(extra)) if (value === undefined) delete env[key];
  return env;
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

export interface CliOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Kill the command (SIGKILL) after this long; the result then has signal set. */
  timeoutMs?: number;
}

/** Runs `sluice ...args` to its end. */
export async function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const running = startCli(args, options);
  return running.exited;
}

export interface RunningCli {
  child: ChildProcess;
  readonly stdout: string;
  readonly stderr: string;
  exited: Promise<CliResult>;
  /** Resolves with the first stderr match, rejects if the process ends first or after timeoutMs. */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

/** Starts `sluice ...args` and returns while it runs. */
export function startCli(args: string[], options: CliOptions = {}): RunningCli {
  const startedAt = Date.now();
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? projectRoot,
    env: childEnv(options.env ?? {}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const watchers = new Set<() => void>();
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const watcher of [...watchers]) watcher();
  });
  const timer =
    options.timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
  const exited = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      for (const watcher of [...watchers]) watcher();
      resolve({ code, signal, stdout, stderr, durationMs: Date.now() - startedAt });
    });
  });
  let closed = false;
  void exited.then(() => (closed = true));

  const waitForStderr = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const deadline = setTimeout(() => {
        watchers.delete(check);
        reject(new Error(`timed out after ${timeoutMs}ms waiting for ${pattern} in sluice's stderr:\n${stderr}`));
      }, timeoutMs);
      const check = () => {
        const match = pattern.exec(stderr);
        if (match || closed || child.exitCode !== null || child.signalCode !== null) {
          watchers.delete(check);
          clearTimeout(deadline);
          if (match) resolve(match);
          else
            reject(
              new Error(`sluice ended (${child.exitCode ?? child.signalCode}) before ${pattern} appeared:\n${stderr}`),
            );
        }
      };
      watchers.add(check);
      check();
    });

  return {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    exited,
    waitForStderr,
  };
}

/** Writes a job spec (an object, or raw text for syntax errors) to a temp file; returns its path. */
export function writeSpec(spec: object | string, dir = tempDir()): string {
  const path = join(dir, 'job.json');
  writeFileSync(path, typeof spec === 'string' ? spec : JSON.stringify(spec, null, 2));
  return path;
}

export interface KafkaJobOptions {
  input: string;
  /** The sink topic; without one the job has a `none` sink (reads and checkpoints only). */
  output?: string;
  delivery?: 'none' | 'at-least-once' | 'exactly-once';
  bootstrap?: string;
  name?: string;
  groupId?: string;
  bounded?: boolean;
  checkpointMs?: number;
}

/** A job spec reading from the single KRaft broker, restarts off so failures surface. */
export function kafkaJob(options: KafkaJobOptions): Record<string, unknown> {
  const name = options.name ?? uniqueName('cli-job');
  const delivery = options.delivery ?? 'at-least-once';
  return {
    version: 1,
    name,
    source: {
      cluster: { bootstrapServers: [options.bootstrap ?? kraftBootstrap()] },
      topics: [options.input],
      groupId: options.groupId ?? freshGroup('cli'),
      ...(options.bounded ? { stopAt: { mode: 'latest' } } : {}),
    },
    sink:
      options.output === undefined
        ? { type: 'none' }
        : {
            type: 'kafka',
            topic: options.output,
            deliveryGuarantee: delivery,
            ...(delivery === 'exactly-once' ? { transactionalIdPrefix: name } : {}),
          },
    checkpoint: { intervalMs: options.checkpointMs ?? 500, retain: 5 },
    restart: { strategy: 'none' },
  };
}

/** The checkpoint files of a job, sorted; [] when the directory does not exist. */
export function checkpointFiles(stateDir: string, jobName: string): string[] {
  const dir = checkpointDir(stateDir, jobName);
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

export const checkpointDir = (stateDir: string, jobName: string): string => join(stateDir, jobName, 'checkpoints');

/** `count` records `<prefix>-<i>` into a topic with kcat, spread by key over the partitions. */
export async function produceValues(topic: string, count: number, prefix = 'r', first = 0): Promise<string[]> {
  const values = Array.from({ length: count }, (_, i) => `${prefix}-${first + i}`);
  await kcatProduce(
    kraftBootstrap(),
    topic,
    values.map((value) => ({ key: value, value })),
  );
  return values;
}

/** Waits until the group's committed offsets reach the end of every input partition. */
export async function waitUntilCommitted(
  bootstrap: string,
  groupId: string,
  topic: string,
  total: number,
): Promise<void> {
  const admin = kafkaClient(bootstrap).admin();
  await admin.connect();
  let committed = 0;
  try {
    await waitFor(
      async () => {
        const ends = await admin.fetchTopicOffsets(topic);
        const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
        const byPartition = new Map(offsets!.partitions.map((p) => [p.partition, Number(p.offset)]));
        committed = ends.reduce((sum, end) => sum + Math.max(0, byPartition.get(end.partition) ?? 0), 0);
        return ends.every((end) => byPartition.get(end.partition) === Number(end.high));
      },
      {
        message: () => `group ${groupId} to commit all ${total} records (committed ${committed})`,
        timeoutMs: 180_000,
        intervalMs: 250,
      },
    );
  } finally {
    await admin.disconnect();
  }
}
