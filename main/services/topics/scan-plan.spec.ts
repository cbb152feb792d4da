import { describe, expect, it } from 'vitest';
import { fairShares, planScan } from './scan-plan';

describe('fairShares', () => {
  it.each([
    { sizes: [10, 10, 10], budget: 12, shares: [4, 4, 4] },
    { sizes: [2, 100, 100], budget: 30, shares: [2, 14, 14] },
    { sizes: [5, 5], budget: 100, shares: [5, 5] },
    { sizes: [10, 10, 10], budget: 10, shares: [3, 3, 4] },
    { sizes: [], budget: 10, shares: [] },
  ])('splits $budget over $sizes as $shares', ({ sizes, budget, shares }) => {
    expect(fairShares(sizes, budget)).toEqual(shares);
  });
});

const bounds = [
  { partition: 0, logStartOffset: 0, logEndOffset: 100 },
  { partition: 1, logStartOffset: 10, logEndOffset: 15 },
];

describe('planScan', () => {
  it('reads forward from the start, at most the scan limit in all, and says the limit stopped it', () => {
    expect(planScan(bounds, { mode: 'earliest' }, 20)).toEqual({
      ranges: [
        { partition: 0, start: 0, end: 15 },
        { partition: 1, start: 10, end: 15 },
      ],
      planned: 20,
      end: 'scan-limit',
    });
  });

  it('reads the newest records back from the end', () => {
    expect(planScan(bounds, { mode: 'latest' }, 20).ranges).toEqual([
      { partition: 0, start: 85, end: 100 },
      { partition: 1, start: 10, end: 15 },
    ]);
  });

  it('reads everything when the limit is larger, and says it read to the end', () => {
    expect(planScan(bounds, { mode: 'offset', offset: 90 }, 1000)).toEqual({
      ranges: [{ partition: 0, start: 90, end: 100 }],
      planned: 10,
      end: 'end',
    });
  });
});
