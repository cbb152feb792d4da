import { describe, expect, it } from 'vitest';
import type { GroupHistoryPoint, PartitionHistoryPoint } from '../../../../engine/lag/lag-status';
import { lagChartColumns } from './lag-chart-data';

const g = (at: number, totalLag: number, maxTimeLagMs: number | null = null): GroupHistoryPoint => ({
  at,
  status: 'OK',
  level: 'OK',
  totalLag,
  maxTimeLagMs,
});
const p = (at: number, partition: number, lag: number, timeLagMs: number | null = null): PartitionHistoryPoint => ({
  at,
  topic: 't',
  partition,
  status: 'OK',
  lag,
  timeLagMs,
  offset: 0,
  logEnd: lag,
  lastCommitAt: null,
});

describe('lagChartColumns', () => {
  it('charts the group total at each stored time, in seconds', () => {
    const columns = lagChartColumns({ groups: [g(2_000, 5), g(1_000, 3)], partitions: [] }, 'total', 'lag');
    expect(columns).toEqual({
      labels: ['total'],
      data: [
        [1, 2],
        [3, 5],
      ],
    });
  });

  it('carries a partition forward between its stored changes, null before its first', () => {
    const columns = lagChartColumns(
      {
        groups: [g(1_000, 1), g(2_000, 1), g(3_000, 9)],
        partitions: [p(1_000, 10, 1), p(2_000, 2, 0), p(3_000, 10, 7), p(3_000, 2, 2)],
      },
      'partitions',
      'lag',
    );
    expect(columns.labels).toEqual(['t[2]', 't[10]']);
    expect(columns.data).toEqual([
      [1, 2, 3],
      [null, 0, 2],
      [1, 1, 7],
    ]);
  });

  it('charts time lag in seconds, an unknown one as 0', () => {
    const columns = lagChartColumns(
      { groups: [g(1_000, 3, 4_000), g(2_000, 0, null)], partitions: [] },
      'total',
      'timeLag',
    );
    expect(columns.data).toEqual([
      [1, 2],
      [4, 0],
    ]);
  });
});
