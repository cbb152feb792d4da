import { describe, expect, it } from 'vitest';
import { planBrowse } from './browse-plan';

const bounds = [
  { partition: 0, logStartOffset: 0, logEndOffset: 100 },
  { partition: 1, logStartOffset: 40, logEndOffset: 45 },
  { partition: 2, logStartOffset: 7, logEndOffset: 7 },
];

describe('planBrowse', () => {
  it('earliest: from each log start, at most limit records, empty partitions left out', () => {
    expect(planBrowse(bounds, { mode: 'earliest' }, 10)).toEqual([
      { partition: 0, start: 0, end: 10 },
      { partition: 1, start: 40, end: 45 },
    ]);
  });

  it('latest: the last limit records of each partition, never before the log start', () => {
    expect(planBrowse(bounds, { mode: 'latest' }, 10)).toEqual([
      { partition: 0, start: 90, end: 100 },
      { partition: 1, start: 40, end: 45 },
    ]);
  });

  it('offset: the same offset everywhere, clamped to the log start; past the end reads nothing', () => {
    expect(planBrowse(bounds, { mode: 'offset', offset: 42 }, 2)).toEqual([
      { partition: 0, start: 42, end: 44 },
      { partition: 1, start: 42, end: 44 },
    ]);
    expect(planBrowse(bounds, { mode: 'offset', offset: 500 }, 2)).toEqual([]);
  });

  it('timestamp: from the offsets the broker found for it', () => {
    const found = new Map([
      [0, 95],
      [1, 45],
    ]);
    expect(planBrowse(bounds, { mode: 'timestamp', timestamp: 1 }, 50, found)).toEqual([
      { partition: 0, start: 95, end: 100 },
    ]);
  });
});
