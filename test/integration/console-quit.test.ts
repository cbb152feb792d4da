import { afterAll, describe, expect, it } from 'vitest';
import { startBrowserMode, type BrowserMode } from '../../main/browser/browser-mode.js';
import type { CheckpointInfo, JobDetail, JobStatus } from '../../main/ipc/contract.js';
import { benchShape, createTopic, kafkaClient, uniqueName, waitFor } from '../bench/helpers.js';
import { kcatConsume } from '../bench/kcat.js';
import { startConsole, type Console } from '../e2e/console-kit.js';

// Quitting browser mode with two exactly-once jobs running: each job host takes a final checkpoint
// before the app is gone; started again in a new browser mode on the same data directory, both
// resume there, and a read_committed drain of each sink holds every source record exactly once.

let app: Console | undefined;
let second: BrowserMode | undefined;

afterAll(async () => {
  await second?.close();
  await app?.close().catch(() => undefined);
});

async function produce(topic: string, from: number, count: number): Promise<void> {
  const producer = kafkaClient(benchShape('kraft').bootstrap).producer();
  await producer.connect();
  await producer.send({
    topic,
    messages: Array.from({ length: count }, (_, i) => ({ key: `k${from + i}`, value: `v${from + i}` })),
  });
  await producer.disconnect();
}

describe('quitting with running jobs', () => {
  it('leaves a final checkpoint for each; restarted, they resume without loss or duplicates', async () => {
    const bootstrap = benchShape('kraft').bootstrap;
    app = await startConsole();
    const services = app.mode.services;
    const call = (channel: string, args: unknown) =>
      (services.handlers as Record<string, (a: unknown) => Promise<unknown>>)[channel]!(args);
    const cluster = uniqueName('quit');
    await call('clusters:save', { profile: { name: cluster, bootstrapServers: [bootstrap] } });
    const jobs = [0, 1].map(() => ({ name: uniqueName('quit-job'), source: '', sink: '' }));
    for (const job of jobs) {
      job.source = await createTopic(bootstrap, { partitions: 2 });
      job.sink = await createTopic(bootstrap, { partitions: 2 });
      await produce(job.source, 0, 5_000);
      await call('jobs:save', {
        spec: {
          version: 1,
          name: job.name,
          source: { cluster: { profile: cluster }, topics: [job.source], groupId: uniqueName('quit') },
          sink: {
            type: 'kafka',
            topic: job.sink,
            deliveryGuarantee: 'exactly-once',
            transactionalIdPrefix: job.name,
          },
          checkpoint: { intervalMs: 60_000 },
          restart: { strategy: 'none' },
        },
      });
      await call('jobs:start', { name: job.name });
    }
    const list = async () => (await call('jobs:list', undefined)) as JobStatus[];
    await waitFor(async () => (await list()).filter((j) => j.state === 'running').length === 2, {
      message: 'both jobs to run',
    });
    await produce(jobs[0]!.source, 5_000, 1_000);

    // Quit: no periodic checkpoint has happened (60 s interval), so what is on disk is the final one.
    await app.mode.close();
    const dataDir = app.dataDir;
    app = undefined;

    second = await startBrowserMode({ rendererDir: 'out/renderer', dataDir });
    const again = (channel: string, args: unknown) =>
      (second!.services.handlers as Record<string, (a: unknown) => Promise<unknown>>)[channel]!(args);
    for (const job of jobs) {
      const checkpoints = (await again('jobs:checkpoints', { name: job.name })) as CheckpointInfo[];
      expect(checkpoints.length, job.name).toBeGreaterThanOrEqual(1);
      await again('jobs:start', { name: job.name });
    }
    await produce(jobs[1]!.source, 5_000, 1_000);
    // Caught up, then stopped: the final checkpoint commits the open transaction (the interval is 60 s).
    const position = async (name: string) =>
      ((await again('jobs:get', { name })) as JobDetail).metrics?.partitions.reduce(
        (sum, p) => sum + (p.currentOffset ?? 0),
        0,
      );
    await waitFor(async () => (await position(jobs[0]!.name)) === 6_000 && (await position(jobs[1]!.name)) === 6_000, {
      timeoutMs: 60_000,
      message: 'both restarted jobs to read every record',
    });
    for (const job of jobs) await again('jobs:stop', { name: job.name });
    const expected = [6_000, 6_000];
    for (const [i, job] of jobs.entries()) {
      const drained = await waitFor(
        async () => {
          const records = await kcatConsume(bootstrap, job.sink, { readCommitted: true });
          return records.length >= expected[i]! ? records : undefined;
        },
        { timeoutMs: 60_000, message: `${job.sink} to hold ${expected[i]} committed records` },
      );
      const keys = drained.map((r) => r.key);
      expect(keys).toHaveLength(expected[i]!);
      expect(new Set(keys).size).toBe(expected[i]!);
    }
  });
});
