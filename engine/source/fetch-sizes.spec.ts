import { describe, expect, it } from 'vitest';
import {
  FETCH_BUDGET_BYTES,
  fetchSizes,
  MAX_BYTES_PER_FETCH,
  SHALLOW_FETCH_BYTES,
  shallowFetchSizes,
} from './fetch-sizes.js';

const KiB = 1024;
const MiB = 1024 * KiB;

describe('fetchSizes', () => {
  it('gives a single partition 1 MiB, as kafkajs and the Java consumer do', () => {
    expect(fetchSizes(1)).toEqual({ maxBytesPerPartition: MiB, maxBytes: MiB });
    expect(fetchSizes(0)).toEqual({ maxBytesPerPartition: MiB, maxBytes: MiB });
  });

  it('shares the budget among more partitions, serving every one of them in each fetch', () => {
    expect(fetchSizes(2)).toEqual({ maxBytesPerPartition: MiB, maxBytes: 2 * MiB });
    expect(fetchSizes(6)).toEqual({ maxBytesPerPartition: 512 * KiB, maxBytes: 3 * MiB });
    for (const partitions of [3, 5, 7, 12, 24]) {
      const sizes = fetchSizes(partitions);
      expect(sizes.maxBytes).toBeLessThanOrEqual(FETCH_BUDGET_BYTES);
      expect(sizes.maxBytes).toBe(sizes.maxBytesPerPartition * partitions);
      expect(sizes.maxBytesPerPartition % KiB).toBe(0);
    }
  });

  it('keeps 128 KiB per partition for many partitions, up to the 10 MiB a fetch may carry', () => {
    expect(fetchSizes(48)).toEqual({ maxBytesPerPartition: 128 * KiB, maxBytes: 6 * MiB });
    expect(fetchSizes(500)).toEqual({ maxBytesPerPartition: 128 * KiB, maxBytes: MAX_BYTES_PER_FETCH });
  });
});

describe('shallowFetchSizes', () => {
  it('gives a single partition 4 MiB, so a fetch brings several 1 MB batches', () => {
    expect(shallowFetchSizes(1)).toEqual({ maxBytesPerPartition: 4 * MiB, maxBytes: 4 * MiB });
    expect(shallowFetchSizes(0)).toEqual({ maxBytesPerPartition: 4 * MiB, maxBytes: 4 * MiB });
  });

  it('gives more partitions 1 MiB each, every one served in each fetch up to 16 of them', () => {
    expect(shallowFetchSizes(2)).toEqual({ maxBytesPerPartition: MiB, maxBytes: 2 * MiB });
    expect(shallowFetchSizes(6)).toEqual({ maxBytesPerPartition: MiB, maxBytes: 6 * MiB });
    expect(shallowFetchSizes(16)).toEqual({ maxBytesPerPartition: MiB, maxBytes: SHALLOW_FETCH_BYTES });
    expect(shallowFetchSizes(100)).toEqual({ maxBytesPerPartition: MiB, maxBytes: SHALLOW_FETCH_BYTES });
  });
});
