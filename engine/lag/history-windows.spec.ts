import { describe, expect, it } from 'vitest';
import { commitsOf, windowsOf } from './history-windows.js';
import type { PartitionHistoryPoint } from './lag-status.js';

const point = (
  at: number,
  offset: number | null,
  lastCommitAt: number | null,
  logEnd: number,
): PartitionHistoryPoint => ({
  at,
  topic: 't',
  partition: 0,
  status: 'OK',
  lag: offset === null ? 0 : Math.max(0, logEnd - offset),
  timeLagMs: null,
  offset,
  lastCommitAt,
  logEnd,
});

describe('commit windows from stored points', () => {
  it('counts a point as a commit when its offset or its commit time differs from the one before', () => {
    const points = [
      point(0, null, null, 5), // nothing committed yet
      point(30, 10, 25, 20),
      point(60, 10, 25, 30), // the log end moved, the commit did not
      point(90, 10, 88, 40), // the same offset committed again: a commit (what makes a STALL)
      point(120, 35, 118, 40),
      point(150, 35, 118, 40), // the same state repeated at the start of the next segment
    ];
    expect(commitsOf(points)).toEqual([
      { offset: 10, at: 25, lag: 10 },
      { offset: 10, at: 88, lag: 30 },
      { offset: 35, at: 118, lag: 5 },
    ]);
  });

  it('uses the point time when the commit time is unknown', () => {
    expect(commitsOf([point(30, 10, null, 12), point(60, 11, null, 12)])).toEqual([
      { offset: 10, at: 30, lag: 2 },
      { offset: 11, at: 60, lag: 1 },
    ]);
  });

  it("keeps each latest partition's last N commits and its latest log end, sorted by topic and partition", () => {
    const last = { ...point(90, 12, 80, 50), partition: 1 };
    const windows = windowsOf(
      new Map([
        ['t\u00001', last],
        ['t\u00000', point(90, null, null, 7)],
      ]),
      new Map([
        ['t\u00001', [10, 11, 12].map((offset, i) => ({ ...point(i * 30, offset, i * 30, 40), partition: 1 }))],
      ]),
      2,
    );
    expect(windows).toEqual([
      { topic: 't', partition: 0, commits: [], logEnd: 7 },
      {
        topic: 't',
        partition: 1,
        commits: [
          { offset: 11, at: 30, lag: 29 },
          { offset: 12, at: 60, lag: 28 },
        ],
        logEnd: 50,
      },
    ]);
  });
});
