import { describe, expect, it } from 'vitest';
import { OffsetOutOfRangeError } from '../errors/index.js';
import { lagFrom, planRows, previewDrift, unknownPartitions, type PartitionFacts } from './reset-rows.js';

// orders[0]: log 5..20, committed 12; orders[1]: log 0..8, nothing committed.
const facts: PartitionFacts[] = [
  { topic: 'orders', partition: 1, current: null, logStart: 0, logEnd: 8 },
  { topic: 'orders', partition: 0, current: 12, logStart: 5, logEnd: 20 },
];

describe('planRows', () => {
  it('earliest and latest go to the log bounds, sorted by partition, with lag before and after', () => {
    expect(planRows(facts, { kind: 'earliest' })).toEqual([
      { topic: 'orders', partition: 0, current: 12, target: 5, logStart: 5, logEnd: 20, lagBefore: 8, lagAfter: 15 },
      { topic: 'orders', partition: 1, current: null, target: 0, logStart: 0, logEnd: 8, lagBefore: null, lagAfter: 8 },
    ]);
    expect(planRows(facts, { kind: 'latest' }).map((r) => [r.target, r.lagAfter])).toEqual([
      [20, 0],
      [8, 0],
    ]);
  });

  it('a timestamp takes the offset found, and the log end (with a note) where no record is that new', () => {
    const byTimestamp = new Map([
      ['orders/0', 14],
      ['orders/1', -1],
    ]);
    const rows = planRows(facts, { kind: 'timestamp', timestamp: 1_700_000_000_000 }, { byTimestamp });
    expect(rows.map((r) => [r.target, r.lagAfter, r.note])).toEqual([
      [14, 6, undefined],
      [8, 0, 'no record at or after the time: log end'],
    ]);
  });

  it('refuses every specific offset outside its log at once, naming each with the log range', () => {
    const to = {
      kind: 'specific' as const,
      offsets: [
        { topic: 'orders', partition: 0, offset: 3 },
        { topic: 'orders', partition: 1, offset: 9 },
      ],
    };
    expect(() => planRows(facts, to)).toThrow(OffsetOutOfRangeError);
    expect(() => planRows(facts, to)).toThrow(/orders\[0\] 3 \(log 5\.\.20\), orders\[1\] 9 \(log 0\.\.8\)/);
  });

  it('clamps out-of-range specific offsets with a note when asked to', () => {
    const to = {
      kind: 'specific' as const,
      offsets: [
        { topic: 'orders', partition: 0, offset: 3 },
        { topic: 'orders', partition: 1, offset: 9 },
      ],
    };
    expect(planRows(facts, to, { outOfRange: 'clamp' }).map((r) => [r.target, r.note])).toEqual([
      [5, 'clamped to log start'],
      [8, 'clamped to log end'],
    ]);
  });

  it('accepts specific offsets at the log start and at the log end', () => {
    const to = {
      kind: 'specific' as const,
      offsets: [
        { topic: 'orders', partition: 0, offset: 5 },
        { topic: 'orders', partition: 1, offset: 8 },
      ],
    };
    expect(planRows(facts, to).map((r) => [r.target, r.lagAfter, r.note])).toEqual([
      [5, 15, undefined],
      [8, 0, undefined],
    ]);
  });
});

describe('lagFrom', () => {
  it('counts from the log start when the offset is below it', () => {
    expect(lagFrom(2, 5, 20)).toBe(15);
    expect(lagFrom(25, 5, 20)).toBe(0);
  });
});

describe('unknownPartitions', () => {
  it('names every unknown topic and partition, not just the first', () => {
    const known = new Map([['orders', [0, 1]]]);
    expect(
      unknownPartitions(
        [
          { topic: 'orders', partition: 1 },
          { topic: 'orders', partition: 7 },
          { topic: 'ghost' },
          { topic: 'ghost', partition: 0 },
          { topic: 'orders', partition: 9 },
        ],
        known,
      ),
    ).toEqual(['partition orders[7]', 'topic "ghost"', 'partition orders[9]']);
  });
});

describe('previewDrift', () => {
  const rows = planRows(facts, { kind: 'earliest' });
  it('is empty when the committed offsets are as previewed', () => {
    expect(previewDrift(rows, rows)).toEqual([]);
  });
  it('names moved offsets and partitions added or gone', () => {
    const preview = [
      { topic: 'orders', partition: 0, current: 10 },
      { topic: 'audit', partition: 0, current: 1 },
    ];
    expect(previewDrift(preview, rows)).toEqual([
      'orders[0] committed offset moved from 10 to 12',
      'orders[1] is new',
      'audit[0] is no longer part of the reset',
    ]);
  });
});
