import { describe, expect, it } from 'vitest';
import type { BrowsedRecord } from '../../../../main/ipc/contract';
import { browseSummary, expressionErrorPosition } from './browse-summary';

const some = (n: number) => Array.from({ length: n }, () => ({}) as BrowsedRecord);

describe('browseSummary', () => {
  it('counts the records of a plain browse', () => {
    expect(browseSummary({ records: some(3) })).toBe('3 records; click one or use the arrow keys to see it whole.');
  });

  it('says how many matched of how many read, why the scan stopped, and what the filter failed on', () => {
    expect(browseSummary({ records: some(2), scan: { read: 1200, matched: 2, stoppedAt: 'end', failed: 0 } })).toBe(
      '2 matched of 1,200 read (read to the end of the range).',
    );
    expect(
      browseSummary({
        records: some(50),
        scan: { read: 100, matched: 70, stoppedAt: 'scan-limit', failed: 1, firstError: 'boom' },
      }),
    ).toBe('70 matched of 100 read (stopped at the scan limit); showing 50 records; the filter failed on 1: boom.');
  });
});

describe('expressionErrorPosition', () => {
  it('reads the position of a JSONata syntax error', () => {
    expect(expressionErrorPosition('invalid JSONata expression at 7: Expected ")"')).toBe(7);
    expect(expressionErrorPosition('something else')).toBeUndefined();
  });
});
