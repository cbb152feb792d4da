import { describe, expect, it } from 'vitest';
import type { JobMetrics } from '../../metrics/job-metrics.js';
import { progressLine } from './progress-line.js';

const metrics = (overrides: Partial<JobMetrics> = {}): JobMetrics => ({
  jobName: 'orders-replay',
  state: 'running',
  takenAt: 10_000,
  recordsIn: 1_234_567,
  bytesIn: 0,
  recordsOut: 1_234_000,
  bytesOut: 0,
  recordsFiltered: 0,
  recordsSkipped: 0,
  recordsDeadLettered: 0,
  batchesForwarded: 0,
  batchesDecoded: {},
  recordsInPerSecond: 12_345,
  bytesInPerSecond: 0,
  recordsOutPerSecond: 12_300,
  bytesOutPerSecond: 0,
  lag: 4_567,
  commitsSucceeded: 0,
  commitsFailed: 0,
  sendErrors: 0,
  checkpoints: 3,
  lastCheckpointId: 42,
  lastCheckpointAt: 7_900,
  lastCheckpointDurationMs: 12,
  lastCheckpointBytes: 400,
  restarts: 0,
  partitions: [],
  ...overrides,
});

describe('progressLine', () => {
  it('shows rates, counts, lag and the last checkpoint with its age', () => {
    expect(progressLine(metrics(), 10_000)).toBe(
      'orders-replay running | in 12.3k/s out 12.3k/s | 1,234,567 in 1,234,000 out | lag 4,567 | checkpoint 42, 2.1s ago',
    );
  });

  it('says what is not known yet and adds restarts and send errors when there are any', () => {
    const line = progressLine(
      metrics({ lag: undefined, lastCheckpointId: undefined, lastCheckpointAt: undefined, restarts: 2, sendErrors: 3 }),
      10_000,
    );
    expect(line).toContain('lag ?');
    expect(line).toContain('no checkpoint yet');
    expect(line).toMatch(/2 restarts \| 3 send errors$/);
  });

  it('counts undecodable records that were skipped or dead-lettered', () => {
    const line = progressLine(metrics({ recordsSkipped: 1, recordsDeadLettered: 2_500 }), 10_000);
    expect(line).toMatch(/1 undecodable skipped \| 2,500 undecodable dead-lettered$/);
    expect(progressLine(metrics(), 10_000)).not.toContain('undecodable');
  });

  it('adds the batches a shallow run forwarded and decoded, before restarts', () => {
    const line = progressLine(
      metrics({ batchesForwarded: 1_500, batchesDecoded: { 'partial-batch': 3 }, restarts: 1 }),
      10_000,
    );
    expect(line).toMatch(
      /checkpoint 42, 2\.1s ago \| 1,500 batches forwarded, 3 decoded \(partial-batch 3\) \| 1 restart$/,
    );
    expect(progressLine(metrics(), 10_000)).not.toContain('batch');
  });
});
