import { describe, expect, it } from 'vitest';
import { timeRange } from './chart-window';

const now = 1_790_000_000; // 2026-09-21, seconds

describe('timeRange', () => {
  it('shows the window ending now when there is no sample yet', () => {
    expect(timeRange([], 600, now)).toEqual([now - 600, now]);
  });

  it('ends the window at the one sample (or now, if that is later)', () => {
    expect(timeRange([now - 5], 600, now)).toEqual([now - 600, now]);
    expect(timeRange([now + 2], 600, now)).toEqual([now + 2 - 600, now + 2]);
  });

  it('spans the samples once there are two or more, at least a minute ending at the last', () => {
    expect(timeRange(new Float64Array([now - 300, now - 200, now - 10]), 600, now)).toEqual([now - 300, now - 10]);
    expect(timeRange([now - 3, now - 2], 600, now)).toEqual([now - 62, now - 2]);
  });

  it('uses the clock by default: the window is around the present, not years away', () => {
    const [min, max] = timeRange([], 600);
    expect(Math.abs(max - Date.now() / 1000)).toBeLessThan(60);
    expect(max - min).toBe(600);
  });
});
