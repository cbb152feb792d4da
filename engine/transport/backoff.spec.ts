import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  const options = { initialDelayMs: 500, maxDelayMs: 30_000 };

  it('doubles from the initial delay up to the cap without jitter at the midpoint', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((attempt) => backoffDelay(attempt, options, mid))).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000,
    ]);
  });

  it('spreads each delay by the jitter fraction and never exceeds the cap', () => {
    expect(backoffDelay(2, options, () => 0)).toBe(1_600);
    expect(backoffDelay(2, options, () => 1)).toBe(2_400);
    expect(backoffDelay(10, options, () => 1)).toBe(30_000);
    expect(backoffDelay(10, options, () => 0)).toBe(24_000);
    expect(backoffDelay(1, { ...options, multiplier: 3, jitter: 0 }, Math.random)).toBe(1_500);
  });
});
