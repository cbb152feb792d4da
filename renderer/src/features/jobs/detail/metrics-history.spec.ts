import { describe, expect, it } from 'vitest';
import { MetricsHistory, type HistorySample } from './metrics-history';

const sample = (takenAt: number, lag: { lag: number | undefined } = { lag: 5 }): HistorySample => ({
  takenAt,
  recordsInPerSecond: takenAt / 1000,
  recordsOutPerSecond: takenAt / 2000,
  lag: lag.lag,
});

describe('MetricsHistory', () => {
  it('keeps samples oldest first, in seconds, with undefined lag as a gap', () => {
    const history = new MetricsHistory();
    history.push(sample(1_000));
    history.push(sample(2_000, { lag: undefined }));
    expect(history.columns()).toEqual({ time: [1, 2], recordsIn: [1, 2], recordsOut: [0.5, 1], lag: [5, null] });
  });

  it('drops samples older than the window', () => {
    const history = new MetricsHistory({ windowMs: 3_000 });
    for (let t = 1_000; t <= 10_000; t += 1_000) history.push(sample(t));
    expect(history.columns().time).toEqual([7, 8, 9, 10]);
    expect(history.size).toBe(4);
  });

  it('stays bounded at one sample a second over ten minutes', () => {
    const history = new MetricsHistory();
    for (let t = 1; t <= 3_600; t++) history.push(sample(t * 1_000));
    expect(history.size).toBe(601);
    expect(history.columns().time[0]).toBe(3_000);
  });

  it('ignores repeated and out-of-order samples', () => {
    const history = new MetricsHistory();
    expect(history.push(sample(5_000))).toBe(true);
    expect(history.push(sample(5_000))).toBe(false);
    expect(history.push(sample(4_000))).toBe(false);
    expect(history.columns().time).toEqual([5]);
  });

  it('breaks the lines where samples stopped coming', () => {
    const history = new MetricsHistory();
    history.push(sample(1_000));
    history.push(sample(2_000));
    history.push(sample(30_000));
    const { time, recordsIn, lag } = history.columns();
    expect(time).toEqual([1, 2, 3, 30]);
    expect(recordsIn).toEqual([1, 2, null, 30]);
    expect(lag).toEqual([5, 5, null, 5]);
  });

  it('starts over after clear()', () => {
    const history = new MetricsHistory();
    history.push(sample(9_000));
    history.clear();
    expect(history.push(sample(1_000))).toBe(true);
    expect(history.columns().time).toEqual([1]);
  });

  it('refuses a window or interval that is not positive', () => {
    expect(() => new MetricsHistory({ windowMs: 0 })).toThrow(/windowMs and intervalMs must be positive/);
    expect(() => new MetricsHistory({ intervalMs: -1 })).toThrow(/must be positive/);
  });
});
