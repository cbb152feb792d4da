import { describe, expect, it } from 'vitest';
import { OffsetOutOfRangeError } from '../errors/index.js';
import type { CommittedOffset, LogBounds } from './log-bounds.js';
import { resolveStartOffsets, startFactsNeeded, type StartFacts } from './start-position.js';
import { TopicPartitionMap, type TopicPartition } from './topic-partition.js';

const p0 = { topic: 't', partition: 0 };
const p1 = { topic: 't', partition: 1 };
const p2 = { topic: 't', partition: 2 };

function facts(overrides: Partial<StartFacts> = {}): StartFacts {
  const bounds = TopicPartitionMap.from<LogBounds>([
    [p0, { start: 0, end: 10 }],
    [p1, { start: 5, end: 20 }],
    [p2, { start: 0, end: 0 }],
  ]);
  return {
    partitions: [p0, p1, p2],
    bounds,
    committed: new TopicPartitionMap<CommittedOffset>(),
    timestampOffsets: new TopicPartitionMap<number>(),
    ...overrides,
  };
}

const offsetsOf = (r: { offsets: TopicPartitionMap<{ offset: number; reason: string }> }) =>
  [...r.offsets].map(([tp, o]) => `${tp.topic}/${tp.partition}=${o.offset}:${o.reason}`);

const committed = (...entries: [TopicPartition, number][]) =>
  TopicPartitionMap.from(entries.map(([tp, offset]) => [tp, { offset, metadata: null }] as const));

const ctx = { groupId: 'g' };

describe('resolveStartOffsets', () => {
  it('earliest and latest take the log start and end', () => {
    expect(offsetsOf(resolveStartOffsets({ mode: 'earliest' }, facts(), ctx))).toEqual([
      't/0=0:earliest',
      't/1=5:earliest',
      't/2=0:earliest',
    ]);
    expect(offsetsOf(resolveStartOffsets({ mode: 'latest' }, facts(), ctx))).toEqual([
      't/0=10:latest',
      't/1=20:latest',
      't/2=0:latest',
    ]);
  });

  it('timestamp takes the found offset, else the end offset', () => {
    const f = facts({ timestampOffsets: TopicPartitionMap.from([[p0, 4] as const]) });
    expect(offsetsOf(resolveStartOffsets({ mode: 'timestamp', timestamp: 1 }, f, ctx))).toEqual([
      't/0=4:timestamp',
      't/1=20:latest',
      't/2=0:latest',
    ]);
  });

  it('group-offsets uses committed offsets and falls back for missing and out-of-range ones', () => {
    const f = facts({ committed: committed([p0, 7], [p1, 2]) });
    expect(offsetsOf(resolveStartOffsets({ mode: 'group-offsets', fallback: 'earliest' }, f, ctx))).toEqual([
      't/0=7:committed',
      't/1=5:fallback-earliest',
      't/2=0:fallback-earliest',
    ]);
    expect(offsetsOf(resolveStartOffsets({ mode: 'group-offsets', fallback: 'latest' }, f, ctx))).toEqual([
      't/0=7:committed',
      't/1=20:fallback-latest',
      't/2=0:fallback-latest',
    ]);
  });

  it('group-offsets with fallback none names every partition it cannot place', () => {
    const f = facts({ committed: committed([p0, 7], [p1, 2]) });
    const run = () => resolveStartOffsets({ mode: 'group-offsets', fallback: 'none' }, f, ctx);
    expect(run).toThrow(OffsetOutOfRangeError);
    expect(run).toThrow(/t\[1\] \(out of range\), t\[2\] \(no committed offset\).*group "g"/);
  });

  it('committed offset equal to the end offset is in range', () => {
    const f = facts({ committed: committed([p0, 10], [p1, 20], [p2, 0]) });
    expect(offsetsOf(resolveStartOffsets({ mode: 'group-offsets', fallback: 'none' }, f, ctx))).toEqual([
      't/0=10:committed',
      't/1=20:committed',
      't/2=0:committed',
    ]);
  });

  it('specific-offsets: listed, unlisted with a committed offset, unlisted without, out of range', () => {
    const f = facts({ committed: committed([p1, 9]) });
    const r = resolveStartOffsets(
      {
        mode: 'specific-offsets',
        offsets: [
          { topic: 't', partition: 0, offset: 99 },
          { topic: 't', partition: 2, offset: 0 },
          { topic: 'other', partition: 0, offset: 1 },
        ],
        fallback: 'latest',
      },
      f,
      ctx,
    );
    expect(offsetsOf(r)).toEqual(['t/0=10:fallback-latest', 't/1=9:committed', 't/2=0:specific']);
    expect(r.warnings).toEqual(['startFrom.offsets names partitions the job does not read: other[0]']);
  });

  it('specific-offsets with fallback none fails on an out-of-range listed offset', () => {
    const run = () =>
      resolveStartOffsets(
        { mode: 'specific-offsets', offsets: [{ topic: 't', partition: 1, offset: 1 }], fallback: 'none' },
        facts({ committed: committed([p0, 1], [p2, 0]) }),
        ctx,
      );
    expect(run).toThrow(/t\[1\] \(out of range\)/);
  });

  it('says which facts a mode needs', () => {
    expect(startFactsNeeded({ mode: 'earliest' })).toEqual({ committed: false });
    expect(startFactsNeeded({ mode: 'timestamp', timestamp: 5 })).toEqual({ committed: false, timestamp: 5 });
    expect(startFactsNeeded({ mode: 'group-offsets', fallback: 'none' })).toEqual({ committed: true });
  });
});
