import { describe, expect, it } from 'vitest';
import { mapBounded } from './map-bounded.js';

describe('mapBounded', () => {
  it('keeps the order of the items and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const results = await mapBounded([5, 1, 4, 2, 3], 2, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      running--;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });

  it('rejects with the first failure, and handles no items', async () => {
    await expect(mapBounded([1, 2], 4, async (n) => (n === 2 ? Promise.reject(new Error('two')) : n))).rejects.toThrow(
      'two',
    );
    expect(await mapBounded([], 3, async () => 1)).toEqual([]);
  });
});
