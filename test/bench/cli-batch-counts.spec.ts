import { describe, expect, it } from 'vitest';
import { cliBatchCounts } from './cli-batch-counts.js';

describe('cliBatchCounts', () => {
  it("takes the copy path line and the last line's batch counts", () => {
    const stderr = [
      'copy path: shallow (record batches forwarded as bytes)',
      'copy | in 1k/s out 1k/s | 10 in 10 out | lag 0 | no checkpoint yet | 1 batch forwarded',
      'copy finished | in 0/s out 0/s | 1,500 in 1,500 out | lag 0 | checkpoint 3, 1s ago | 1,204 batches forwarded, 3 decoded (partial-batch 3)',
      'job "copy" finished (1,500 records in, 1,500 out, last checkpoint 3)',
    ].join('\n');
    expect(cliBatchCounts(stderr)).toEqual({
      copyPath: 'shallow (record batches forwarded as bytes)',
      forwarded: 1204,
      decoded: 3,
    });
  });

  it('is zero batches and no path for a run that printed neither', () => {
    expect(cliBatchCounts('copy running | 5 in 5 out | lag 0\n')).toEqual({
      copyPath: undefined,
      forwarded: 0,
      decoded: 0,
    });
  });
});
