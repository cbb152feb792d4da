import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { isComponentRunning, restartComponent, stopComponent } from '../bench/component-control.js';
import { freePort } from '../bench/free-port.js';
import { createTopic, waitFor } from '../bench/helpers.js';
import {
  bootstrap,
  fillPartitions,
  freshStateDir,
  jobSpec,
  offsetsByPartition,
  range,
  readNdjson,
  recordedJob,
} from './engine-job-kit.js';

// Start failures, states, metrics, and restarts after a broker outage.

describe('engine job lifecycle', () => {
  it('fails start quickly and clearly when the bootstrap servers are unreachable', async () => {
    const port = await freePort();
    const spec = jobSpec({ source: { topics: ['t'], cluster: { bootstrapServers: [`127.0.0.1:${port}`] } } });
    const { job, events } = recordedJob(spec);
    const started = Date.now();
    const error = await job.start().then(
      () => undefined,
      (e: unknown) => e as Error & { hintId?: string; retriable?: boolean },
    );
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(error?.message).toMatch(new RegExp(`cannot reach the source cluster at 127\\.0\\.0\\.1:${port}`));
    expect(error?.hintId).toBe('broker-unreachable');
    expect(events.state.map((s) => s.to)).toEqual(['starting', 'failed']);
    expect((await job.done()).state).toBe('failed');
  });

  it('fails start naming a source topic that does not exist', async () => {
    const { job } = recordedJob(jobSpec({ source: { topics: ['no-such-topic-a', 'no-such-topic-b'] } }));
    await expect(job.start()).rejects.toThrow(/source topics "no-such-topic-a", "no-such-topic-b" not found/);
    expect((await job.done()).error?.hintId).toBe('topic-missing');
  });

  it('goes through its states, emits metrics every second and a final checkpoint on stop', async () => {
    const topic = await createTopic(bootstrap(), { partitions: 2 });
    await fillPartitions(topic, 2, 4);
    const { job, events } = recordedJob(jobSpec({ source: { topics: [topic] }, checkpoint: { intervalMs: 300 } }));
    await job.start();
    expect(job.state).toBe('running');
    await waitFor(() => events.metrics.length >= 2 && events.metrics.at(-1)!.recordsIn === 8, {
      message: 'two metrics ticks with all records in',
    });
    const snapshot = job.metrics();
    expect(
      snapshot.partitions.map((p) => [p.partition, p.currentOffset, p.logStartOffset, p.logEndOffset, p.lag]),
    ).toEqual([
      [0, 4, 0, 4, 0],
      [1, 4, 0, 4, 0],
    ]);
    await waitFor(() => job.metrics().commitsSucceeded > 0, { message: 'a commit to the group' });
    await job.stop();
    const result = await job.done();
    expect(result.state).toBe('stopped');
    expect(events.state.map((s) => s.to)).toEqual(['starting', 'running', 'stopping', 'stopped']);
    expect(events.checkpoint.at(-1)).toMatchObject({
      final: true,
      offsets: [
        { topic, partition: 0, offset: 4 },
        { topic, partition: 1, offset: 4 },
      ],
    });
    expect(result.metrics.partitions.map((p) => [p.checkpointedOffset, p.committedOffset])).toEqual([
      [4, 4],
      [4, 4],
    ]);
    expect(result.metrics).toMatchObject({
      commitsFailed: 0,
      sendErrors: 0,
      lastCheckpointId: result.lastCheckpointId,
    });
    expect(result.metrics.lastCheckpointBytes).toBeGreaterThan(0);
  });

  it('restarts after a broker outage and resumes from its checkpoint without gaps or duplicates', async () => {
    const bench = inject('bench');
    const topic = await createTopic(bootstrap());
    await fillPartitions(topic, 1, 5);
    const path = join(freshStateDir(), 'out.ndjson');
    const { job, events } = recordedJob(
      jobSpec({
        source: { topics: [topic] },
        sink: { type: 'file', path },
        restart: { strategy: 'fixed-delay', delayMs: 500, maxAttempts: 100 },
        checkpoint: { intervalMs: 300 },
      }),
    );
    await job.start();
    await waitFor(async () => (await readNdjson(path)).length === 5, { message: 'the first 5 lines' });

    await stopComponent(bench.stateDir, 'kraft');
    try {
      await waitFor(() => events.state.some((s) => s.to === 'restarting'), {
        message: 'the job to restart',
        timeoutMs: 60_000,
      });
    } finally {
      if (!isComponentRunning(bench.stateDir, 'kraft')) await restartComponent(bench.stateDir, 'kraft');
    }
    await waitFor(() => job.state === 'running' && events.started.length >= 2, {
      message: 'the job running again',
      timeoutMs: 60_000,
    });
    await fillPartitions(topic, 1, 3, { from: 5 });
    await waitFor(async () => (await readNdjson(path)).length >= 8, { message: '8 lines', timeoutMs: 30_000 });
    await job.stop();

    expect(offsetsByPartition(await readNdjson(path), 1)).toEqual({ 0: range(0, 8) });
    expect(events.error[0]).toMatchObject({ willRestart: true });
    expect(job.metrics().restarts).toBeGreaterThanOrEqual(1);
  });
});
