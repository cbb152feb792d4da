import { describe, expect, it } from 'vitest';
import { formatCommitTag, parseCommitTag } from './commit-metadata.js';
import type { CommittedOffset, LogBounds } from './log-bounds.js';
import { overlayTransactionalOffsets, restoreFromCheckpoint } from './restore-offsets.js';
import { TopicPartitionMap } from './topic-partition.js';

const p0 = { topic: 't', partition: 0 };
const p1 = { topic: 't', partition: 1 };
const p2 = { topic: 't', partition: 2 };
const bounds = TopicPartitionMap.from<LogBounds>([
  [p0, { start: 0, end: 100 }],
  [p1, { start: 50, end: 100 }],
  [p2, { start: 7, end: 9 }],
]);

const offsetsOf = (r: { offsets: TopicPartitionMap<{ offset: number; reason: string }> }) =>
  [...r.offsets].map(([tp, o]) => `${tp.partition}=${o.offset}:${o.reason}`);

describe('restoreFromCheckpoint', () => {
  it('keeps checkpointed offsets, starts new partitions at earliest and resets out-of-range ones', () => {
    const r = restoreFromCheckpoint([p0, p1, p2], bounds, [
      { ...p0, offset: 40 },
      { ...p1, offset: 10 },
    ]);
    expect(offsetsOf(r)).toEqual(['0=40:checkpoint', '1=50:earliest', '2=7:discovered']);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/t\[1\].*outside the log \[50, 100\]/);
  });
});

describe('overlayTransactionalOffsets', () => {
  const committed = (entries: [typeof p0, number, string | null][]) =>
    TopicPartitionMap.from<CommittedOffset>(
      entries.map(([tp, offset, metadata]) => [tp, { offset, metadata }] as const),
    );
  const base = restoreFromCheckpoint([p0, p1], bounds, [
    { ...p0, offset: 40 },
    { ...p1, offset: 60 },
  ]);

  it('trusts offsets this job committed with a newer checkpoint id (crash between commit and file)', () => {
    const tag = formatCommitTag({ job: 'j', checkpointId: 8 });
    const { resolution, fromCheckpointId } = overlayTransactionalOffsets(
      base,
      committed([
        [p0, 45, tag],
        [p1, 70, tag],
      ]),
      { jobName: 'j', newerThan: 7, bounds },
    );
    expect(offsetsOf(resolution)).toEqual(['0=45:transaction', '1=70:transaction']);
    expect(fromCheckpointId).toBe(8);
  });

  it('ignores offsets of the same or an older checkpoint, of another job, or without a tag', () => {
    const { resolution, fromCheckpointId } = overlayTransactionalOffsets(
      base,
      committed([
        [p0, 45, formatCommitTag({ job: 'j', checkpointId: 7 })],
        [p1, 70, formatCommitTag({ job: 'other', checkpointId: 9 })],
      ]),
      { jobName: 'j', newerThan: 7, bounds },
    );
    expect(offsetsOf(resolution)).toEqual(['0=40:checkpoint', '1=60:checkpoint']);
    expect(fromCheckpointId).toBeUndefined();
    const untagged = overlayTransactionalOffsets(base, committed([[p0, 45, null]]), {
      jobName: 'j',
      newerThan: 7,
      bounds,
    });
    expect(offsetsOf(untagged.resolution)).toEqual(['0=40:checkpoint', '1=60:checkpoint']);
  });

  it('with no checkpoint at all, any tagged offset of this job wins', () => {
    const { resolution } = overlayTransactionalOffsets(
      base,
      committed([[p1, 70, formatCommitTag({ job: 'j', checkpointId: 1 })]]),
      { jobName: 'j', newerThan: undefined, bounds },
    );
    expect(offsetsOf(resolution)).toEqual(['0=40:checkpoint', '1=70:transaction']);
  });
});

describe('commit tags', () => {
  it('round-trip and reject foreign metadata', () => {
    expect(parseCommitTag(formatCommitTag({ job: 'a.b-c', checkpointId: 12 }))).toEqual({
      job: 'a.b-c',
      checkpointId: 12,
    });
    expect(parseCommitTag(null)).toBeUndefined();
    expect(parseCommitTag('')).toBeUndefined();
    expect(parseCommitTag('sluice:v1:{oops')).toBeUndefined();
    expect(parseCommitTag('sluice:v1:{"job":"x"}')).toBeUndefined();
  });

  it('carry the checkpoint time when given; older tags without it still parse', () => {
    expect(parseCommitTag(formatCommitTag({ job: 'j', checkpointId: 3, at: 1_700_000_000_000 }))).toEqual({
      job: 'j',
      checkpointId: 3,
      at: 1_700_000_000_000,
    });
    expect(parseCommitTag('sluice:v1:{"job":"j","checkpointId":3,"at":"soon"}')).toEqual({ job: 'j', checkpointId: 3 });
  });
});
