import { describe, expect, it } from 'vitest';
import { SegmentDecoder, SegmentEncoder, type StoredCycle } from './history-codec.js';
import { commitsOf, WindowCollector } from './history-windows.js';
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

  it('collects windows over files fed newest first: a file restating the state adds no commit', () => {
    // Partition 0 commits in every cycle, partition 1 never commits; cycles 0-3 in one file, 4-6 in the next.
    const cycle = (i: number): StoredCycle => ({
      at: i * 30,
      groups: [
        {
          groupId: 'g',
          status: 'OK',
          totalLag: 0,
          maxTimeLagMs: null,
          partitions: [
            { ...point(0, 10 + i, i * 30 - 5, 20 + i), partition: 0 },
            { ...point(0, null, null, 7), partition: 1 },
          ],
        },
      ],
    });
    const file = (indexes: number[]) => {
      const encoder = new SegmentEncoder();
      const decoder = new SegmentDecoder();
      return indexes.map((i) => decoder.decode(encoder.encode(cycle(i))));
    };
    const older = file([0, 1, 2, 3]);
    // The newer file starts again at cycle 3 (a restart): its first row restates the last commit.
    const newer = file([3, 4, 5, 6]);
    const windowsWith = (size: number) => {
      const collector = new WindowCollector(size, () => true);
      for (const records of [newer, older]) {
        const reader = collector.file();
        for (const record of records) reader.record(record);
        reader.finish();
        if (collector.done()) break;
      }
      return collector.result().get('g')!;
    };
    const all = windowsWith(10);
    expect(all.at).toBe(180);
    expect(all.windows).toEqual([
      {
        topic: 't',
        partition: 0,
        commits: [0, 1, 2, 3, 4, 5, 6].map((i) => ({ offset: 10 + i, at: i * 30 - 5, lag: 10 })),
        logEnd: 26,
      },
      { topic: 't', partition: 1, commits: [], logEnd: 7 },
    ]);
    expect(all.latest.map((p) => p.offset)).toEqual([16, null]);
    expect(windowsWith(2).windows[0]!.commits.map((c) => c.offset)).toEqual([15, 16]);
    expect(windowsWith(5).windows[0]!.commits.map((c) => c.offset)).toEqual([12, 13, 14, 15, 16]);
  });
});
