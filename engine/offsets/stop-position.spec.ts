import { describe, expect, it } from 'vitest';
import type { LogBounds } from './log-bounds.js';
import {
  allStopsReached,
  pinnedStops,
  reachedStop,
  resolveStopPositions,
  stopOffsets,
  stopsFromCheckpoint,
  type StopFacts,
  type StopPosition,
} from './stop-position.js';
import { TopicPartitionMap } from './topic-partition.js';

const p0 = { topic: 't', partition: 0 };
const p1 = { topic: 't', partition: 1 };

const facts = (timestampOffsets = new TopicPartitionMap<number>()): StopFacts => ({
  partitions: [p0, p1],
  bounds: TopicPartitionMap.from<LogBounds>([
    [p0, { start: 0, end: 10 }],
    [p1, { start: 3, end: 3 }],
  ]),
  timestampOffsets,
});

const stopsOf = (r: ReturnType<typeof resolveStopPositions>) =>
  [...r.stops].map(([tp, s]) => `${tp.partition}:${s.kind === 'at' ? s.offset : s.kind}`);

describe('resolveStopPositions', () => {
  it('latest stops at the end offsets of the start', () => {
    expect(stopsOf(resolveStopPositions({ mode: 'latest' }, facts()))).toEqual(['0:10', '1:3']);
  });

  it('timestamp stops at the first record at or after the time, else at the end', () => {
    const r = resolveStopPositions(
      { mode: 'timestamp', timestamp: 1 },
      facts(TopicPartitionMap.from([[p0, 6] as const])),
    );
    expect(stopsOf(r)).toEqual(['0:6', '1:3']);
  });

  it('specific offsets leave unlisted partitions unread and say so', () => {
    const r = resolveStopPositions(
      { mode: 'specific-offsets', offsets: [{ topic: 't', partition: 0, offset: 4 }] },
      facts(),
    );
    expect(stopsOf(r)).toEqual(['0:4', '1:not-read']);
    expect(r.warnings[0]).toMatch(/leaves out t\[1\]/);
  });

  it('a partition is finished when its next offset reached the stop', () => {
    expect(reachedStop(3, undefined)).toBe(false);
    expect(reachedStop(3, { kind: 'at', offset: 4 })).toBe(false);
    expect(reachedStop(4, { kind: 'at', offset: 4 })).toBe(true);
    expect(reachedStop(9, { kind: 'at', offset: 4 })).toBe(true);
    expect(reachedStop(0, { kind: 'not-read' })).toBe(true);
  });
});

describe('stops kept in checkpoints', () => {
  const p2 = { topic: 't', partition: 2 };

  it('stores the `at` stops sorted and leaves unread partitions out', () => {
    const stops = TopicPartitionMap.from<StopPosition>([
      [p1, { kind: 'at', offset: 3 }],
      [p2, { kind: 'not-read' }],
      [p0, { kind: 'at', offset: 10 }],
    ]);
    expect(stopOffsets(stops)).toEqual([
      { topic: 't', partition: 0, offset: 10 },
      { topic: 't', partition: 1, offset: 3 },
    ]);
  });

  it('reads them back: a checkpointed partition without a stop is not read', () => {
    const stops = stopsFromCheckpoint(
      [p0, p1, p2],
      [
        { topic: 't', partition: 0, offset: 10 },
        { topic: 't', partition: 1, offset: 3 },
      ],
    );
    expect([...stops].map(([tp, s]) => `${tp.partition}:${s.kind === 'at' ? s.offset : s.kind}`)).toEqual([
      '0:10',
      '1:3',
      '2:not-read',
    ]);
  });

  it('pins them to the partitions found now; one created since is not read, with a warning', () => {
    const pinned = TopicPartitionMap.from<StopPosition>([
      [p0, { kind: 'at', offset: 10 }],
      [p1, { kind: 'at', offset: 3 }],
    ]);
    const same = pinnedStops([p0, p1], pinned);
    expect(same.warnings).toEqual([]);
    expect([...same.stops].map(([, s]) => s)).toEqual([
      { kind: 'at', offset: 10 },
      { kind: 'at', offset: 3 },
    ]);
    const grown = pinnedStops([p0, p1, p2], pinned);
    expect(grown.stops.get(p2)).toEqual({ kind: 'not-read' });
    expect(grown.warnings).toEqual([expect.stringMatching(/not reading t\[2\]: created after this bounded run/)]);
  });

  it('tells a complete run from one that was interrupted', () => {
    const stops = TopicPartitionMap.from<StopPosition>([
      [p0, { kind: 'at', offset: 10 }],
      [p1, { kind: 'not-read' }],
    ]);
    expect(allStopsReached(stops, [{ ...p0, offset: 10 }])).toBe(true);
    expect(allStopsReached(stops, [{ ...p0, offset: 9 }])).toBe(false);
    expect(allStopsReached(stops, [])).toBe(false);
    expect(allStopsReached(new TopicPartitionMap<StopPosition>(), [])).toBe(true);
  });
});
