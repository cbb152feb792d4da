import { describe, expect, it } from 'vitest';
import { MetricsCollector } from './metrics-collector.js';

describe('MetricsCollector', () => {
  it('joins counters, offsets and positions per partition and sums the lag', () => {
    let now = 1_000;
    const m = new MetricsCollector('job', () => now);
    const p0 = { topic: 't', partition: 0 };
    const p1 = { topic: 't', partition: 1 };
    m.recordsIn(p0, 10, 100);
    m.recordsOut('t', 0, 8, 80);
    m.logBounds(p0, { start: 0, end: 50 });
    m.logBounds(p1, { start: 5, end: 5 });
    m.commitSucceeded([{ ...p0, offset: 10 }]);
    m.commitFailed();
    m.checkpointed([{ ...p0, offset: 10 }], { checkpointId: 3, takenAt: 900, durationMs: 12, bytes: 400 });
    now = 2_000;
    m.tick();
    const s = m.snapshot('running', [
      [p0, { next: 10, stop: undefined, finished: false }],
      [p1, { next: 5, stop: undefined, finished: false }],
    ]);
    expect(s).toMatchObject({
      jobName: 'job',
      state: 'running',
      recordsIn: 10,
      recordsInPerSecond: 10,
      bytesOutPerSecond: 80,
      lag: 40,
      commitsSucceeded: 1,
      commitsFailed: 1,
      checkpoints: 1,
      lastCheckpointId: 3,
      lastCheckpointBytes: 400,
    });
    expect(s.partitions[0]).toMatchObject({
      currentOffset: 10,
      checkpointedOffset: 10,
      committedOffset: 10,
      logStartOffset: 0,
      logEndOffset: 50,
      lag: 40,
      recordsOut: 8,
    });
    expect(s.partitions[1]).toMatchObject({ lag: 0, recordsIn: 0 });
  });

  it('leaves the job lag unknown while a partition end is unknown', () => {
    const m = new MetricsCollector('job');
    expect(
      m.snapshot('running', [
        [
          { topic: 't', partition: 0 },
          { next: 1, stop: undefined, finished: false },
        ],
      ]).lag,
    ).toBeUndefined();
  });
});
