import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckpointStore } from '../checkpoints/index.js';
import { parseReport } from './parse-report.js';
import { formatJsonReport } from './format-json.js';
import { sampleReport } from './report-fixture.js';
import { restoreJobFromReport } from './restore-job.js';

let stateDir: string;
beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'sluice-restore-report-'));
});
afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

const store = () => new CheckpointStore({ stateDir, jobName: 'orders-replay', retain: 5 });

describe('restoreJobFromReport', () => {
  it("writes the report's offsets as the newest checkpoint and the restore point, keeping the rest", async () => {
    await store().write({
      jobName: 'orders-replay',
      checkpointId: 7,
      takenAt: 1,
      offsets: [
        { topic: 'orders', partition: 0, offset: 500 },
        { topic: 'orders', partition: 3, offset: 40 },
      ],
      partitions: [
        { topic: 'orders', partition: 0 },
        { topic: 'orders', partition: 3 },
      ],
      sink: { file: { bytes: 99 } },
    });
    const parsed = parseReport('orders,0,120\norders,1,75\n', 'r.csv');
    const result = await restoreJobFromReport({ stateDir, jobName: 'orders-replay', parsed, now: () => 1234 });
    expect(result.checkpointId).toBe(8);
    const written = await store().load(8);
    expect(written).toMatchObject({
      takenAt: 1234,
      offsets: [
        { topic: 'orders', partition: 0, offset: 120 },
        { topic: 'orders', partition: 1, offset: 75 },
        { topic: 'orders', partition: 3, offset: 40 },
      ],
      sink: { file: { bytes: 99 } },
    });
    expect(written.partitions).toHaveLength(3);
    expect(await store().takeRestorePoint()).toBe(8);
    expect((await store().latest())?.checkpointId).toBe(8);
  });

  it('works for a job without checkpoints, and refuses a JSON report of another job', async () => {
    const parsed = parseReport(formatJsonReport(sampleReport()), 'r.json');
    const first = await restoreJobFromReport({ stateDir, jobName: 'orders-replay', parsed });
    expect(first.checkpointId).toBe(1);
    expect((await store().load(1)).sink).toBeNull();
    await expect(restoreJobFromReport({ stateDir, jobName: 'other-job', parsed })).rejects.toThrow(
      /the report is of job "orders-replay", not "other-job"/,
    );
    expect(await new CheckpointStore({ stateDir, jobName: 'other-job', retain: 1 }).list()).toEqual([]);
  });
});
