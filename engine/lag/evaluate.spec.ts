import { describe, expect, it } from 'vitest';
import { evaluateGroup, evaluatePartition, partitionStatus, pushCommit } from './evaluate.js';
import { levelExitCode, levelOf, type PartitionStatus } from './lag-status.js';

// Each case: commits as [offset, at (s), lag], the log end now, now (s), and the status Burrow's rules give.
// The README's "Lag monitoring" section lists the same cases.
type Case = [name: string, commits: [number, number, number][], logEnd: number, now: number, expected: PartitionStatus];

const cases: Case[] = [
  ['no commits', [], 100, 60, 'OK'],
  [
    'caught up now',
    [
      [90, 0, 10],
      [95, 10, 5],
      [100, 20, 0],
    ],
    100,
    25,
    'OK',
  ],
  [
    'caught up long ago on an idle topic',
    [
      [100, 0, 0],
      [100, 10, 0],
    ],
    100,
    10_000,
    'OK',
  ],
  [
    'behind but reached zero in the window',
    [
      [100, 0, 0],
      [105, 10, 3],
      [108, 20, 4],
    ],
    112,
    25,
    'OK',
  ],
  [
    'keeping up, lag falling',
    [
      [10, 0, 50],
      [40, 10, 30],
      [70, 20, 20],
    ],
    90,
    25,
    'OK',
  ],
  [
    'lag rising and falling',
    [
      [10, 0, 50],
      [40, 10, 60],
      [80, 20, 40],
    ],
    120,
    25,
    'OK',
  ],
  [
    'slower than the producer',
    [
      [10, 0, 10],
      [20, 10, 20],
      [30, 20, 30],
      [40, 30, 40],
    ],
    85,
    35,
    'WARN',
  ],
  [
    'lag fixed while consuming',
    [
      [10, 0, 10],
      [20, 10, 10],
      [30, 20, 10],
    ],
    40,
    25,
    'WARN',
  ],
  [
    'committing the same offset',
    [
      [50, 0, 10],
      [50, 10, 20],
      [50, 20, 30],
    ],
    90,
    25,
    'STALL',
  ],
  [
    'reset back',
    [
      [50, 0, 10],
      [60, 10, 10],
      [20, 20, 60],
    ],
    80,
    25,
    'REWIND',
  ],
  [
    'stopped committing while records arrive',
    [
      [10, 0, 10],
      [20, 10, 10],
      [30, 20, 15],
    ],
    200,
    50,
    'STOP',
  ],
  [
    'stopped, but nothing new arrived',
    [
      [10, 0, 10],
      [20, 10, 10],
      [30, 20, 5],
    ],
    30,
    500,
    'OK',
  ],
  [
    'quiet for exactly the span',
    [
      [10, 0, 10],
      [20, 10, 10],
      [30, 20, 15],
    ],
    200,
    40,
    'WARN',
  ],
  ['one commit, behind, long ago', [[10, 0, 10]], 200, 500, 'OK'],
  [
    'stop beats rewind',
    [
      [50, 0, 10],
      [20, 10, 60],
    ],
    200,
    100,
    'STOP',
  ],
];

describe("Burrow's rules (evaluate.ts)", () => {
  it.each(cases)('%s', (_name, commits, logEnd, now, expected) => {
    const window = {
      topic: 't',
      partition: 0,
      logEnd,
      commits: commits.map(([offset, at, lag]) => ({ offset, at: at * 1000, lag })),
    };
    expect(partitionStatus(window, now * 1000)).toBe(expected);
  });

  it('a partition says its lag now, its last commit and how full its window is', () => {
    const evaluation = evaluatePartition(
      { topic: 't', partition: 3, logEnd: 90, commits: [{ offset: 70, at: 5000, lag: 20 }] },
      { now: 6000, windowSize: 4 },
      1234,
    );
    expect(evaluation).toEqual({
      topic: 't',
      partition: 3,
      status: 'OK',
      lag: 20,
      timeLagMs: 1234,
      offset: 70,
      lastCommitAt: 5000,
      logEnd: 90,
      complete: 0.25,
    });
  });

  it('a group is its worst partition, errors shown as ERR', () => {
    const p = (partition: number, status: PartitionStatus, lag: number, complete: number) => ({
      topic: 't',
      partition,
      status,
      lag,
      timeLagMs: lag ? lag * 100 : null,
      offset: 0,
      lastCommitAt: 0,
      logEnd: lag,
      complete,
    });
    const group = evaluateGroup('g', [p(0, 'OK', 0, 1), p(1, 'WARN', 5, 1), p(2, 'STALL', 7, 0.5)]);
    expect(group).toMatchObject({ status: 'STALL', level: 'ERR', totalLag: 12, maxTimeLagMs: 700 });
    expect(group.complete).toBeCloseTo(2 / 3);
    expect(evaluateGroup('empty', [])).toMatchObject({ status: 'OK', level: 'OK', totalLag: 0, complete: 1 });
  });

  it('levels and exit codes', () => {
    expect(['OK', 'WARN', 'STOP', 'STALL', 'REWIND'].map((s) => levelOf(s as PartitionStatus))).toEqual([
      'OK',
      'WARN',
      'ERR',
      'ERR',
      'ERR',
    ]);
    expect([levelExitCode('OK'), levelExitCode('WARN'), levelExitCode('ERR')]).toEqual([0, 1, 2]);
  });

  it('a window keeps the last N commits and ignores a commit seen twice', () => {
    let commits = pushCommit([], { offset: 1, at: 1, lag: 0 }, 2);
    commits = pushCommit(commits, { offset: 1, at: 1, lag: 0 }, 2);
    expect(commits).toHaveLength(1);
    commits = pushCommit(commits, { offset: 1, at: 2, lag: 0 }, 2);
    commits = pushCommit(commits, { offset: 3, at: 3, lag: 0 }, 2);
    expect(commits.map((c) => c.at)).toEqual([2, 3]);
  });
});
