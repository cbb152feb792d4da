import { describe, expect, it } from 'vitest';
import { CommitWindows, LogEndTrack } from './commit-windows.js';

const tp = { topic: 'orders', partition: 0 };
const offsets = (w: CommitWindows) => w.commits('g', tp).map((c) => [c.offset, c.at]);

describe('CommitWindows', () => {
  it('keeps the last N commits, one per min-distance bucket (the newest)', () => {
    const w = new CommitWindows({ windowSize: 3, minDistanceMs: 1000 });
    for (const [offset, at] of [
      [1, 0],
      [2, 300],
      [3, 900], // the same second: replaces the last
      [4, 1200],
      [5, 2400],
      [6, 3600],
      [7, 3900],
    ]) {
      w.addEvent('g', tp, { offset: offset!, at: at!, lag: 1 });
    }
    expect(offsets(w)).toEqual([
      [4, 1200],
      [5, 2400],
      [7, 3900],
    ]);
  });

  it('keeps the same offset committed again as new samples (a stall), a repeated event once', () => {
    const w = new CommitWindows({ windowSize: 5, minDistanceMs: 0 });
    for (const at of [0, 1000, 1000, 2000]) w.addEvent('g', tp, { offset: 7, at, lag: 3 });
    expect(offsets(w)).toEqual([
      [7, 0],
      [7, 1000],
      [7, 2000],
    ]);
  });

  it('gives a polled sample the commit time its event brings later', () => {
    const w = new CommitWindows({ windowSize: 5, minDistanceMs: 0 });
    w.addPolled('g', tp, { offset: 10, at: 5000, lag: 0 }, false);
    w.addEvent('g', tp, { offset: 10, at: 4200, lag: 0 });
    expect(offsets(w)).toEqual([[10, 4200]]);
  });

  it('adds a changed committed offset only when polling (events tell of commits otherwise)', () => {
    const w = new CommitWindows({ windowSize: 5, minDistanceMs: 0 });
    w.addPolled('g', tp, { offset: 10, at: 1000, lag: 0 }, false);
    w.addPolled('g', tp, { offset: 12, at: 2000, lag: 0 }, false);
    expect(offsets(w)).toEqual([[10, 1000]]);
    w.addPolled('g', tp, { offset: 12, at: 2000, lag: 0 }, true);
    w.addPolled('g', tp, { offset: 12, at: 3000, lag: 0 }, true);
    expect(offsets(w)).toEqual([
      [10, 1000],
      [12, 2000],
    ]);
  });

  it('puts a late event in time order', () => {
    const w = new CommitWindows({ windowSize: 5, minDistanceMs: 0 });
    w.addEvent('g', tp, { offset: 1, at: 1000, lag: 0 });
    w.addEvent('g', tp, { offset: 3, at: 3000, lag: 0 });
    w.addEvent('g', tp, { offset: 2, at: 2000, lag: 0 });
    expect(offsets(w).map(([o]) => o)).toEqual([1, 2, 3]);
  });

  it('takes seeded windows and forgets partitions and groups no longer committed', () => {
    const w = new CommitWindows({ windowSize: 2, minDistanceMs: 0 });
    const commits = [1, 2, 3].map((offset) => ({ offset, at: offset * 1000, lag: 0 }));
    w.seed('g', [{ ...tp, commits, logEnd: 3 }]);
    expect(offsets(w).map(([o]) => o)).toEqual([2, 3]);
    w.retain('g', new Set());
    expect(w.commits('g', tp)).toEqual([]);
    w.seed('g', [{ ...tp, commits, logEnd: 3 }]);
    w.retainGroups(new Set(['other']));
    expect(w.commits('g', tp)).toEqual([]);
  });
});

describe('LogEndTrack', () => {
  it('interpolates the log end between two readings, extrapolates before them, holds it after', () => {
    const ends = new LogEndTrack();
    expect(ends.estimate(tp, 0)).toBeUndefined();
    ends.record(tp, 1000, 100);
    expect(ends.estimate(tp, 500)).toBeUndefined(); // before the only reading: not known yet
    expect(ends.estimate(tp, 1500)).toBe(100);
    ends.record(tp, 2000, 200);
    expect(ends.estimate(tp, 1500)).toBe(150);
    expect(ends.estimate(tp, 1999)).toBe(199);
    expect(ends.estimate(tp, 500)).toBe(50);
    expect(ends.estimate(tp, 0)).toBe(0);
    expect(ends.estimate(tp, -5000)).toBe(0);
    expect(ends.estimate(tp, 2500)).toBe(200);
  });
});
