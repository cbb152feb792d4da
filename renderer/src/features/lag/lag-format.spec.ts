import { describe, expect, it } from 'vitest';
import type { GroupEvaluation, PartitionEvaluation } from '../../../../engine/lag/lag-status';
import { partitionStatusText, timeLag } from './lag-format';

describe('timeLag', () => {
  it.each([
    [null, '–'],
    [950, '950ms'],
    [42_000, '42s'],
    [250_000, '4m 10s'],
    [240_000, '4m'],
    [3 * 3_600_000 + 5 * 60_000 + 7_000, '3h 5m'],
    [2 * 86_400_000 + 4 * 3_600_000, '2d 4h'],
    [86_400_000 + 30_000, '1d'],
  ])('%s ms reads %s', (ms, text) => expect(timeLag(ms)).toBe(text));
});

describe('partitionStatusText', () => {
  const p = (partition: number, status: PartitionEvaluation['status'], lag: number): PartitionEvaluation => ({
    topic: 'orders',
    partition,
    status,
    lag,
    timeLagMs: null,
    offset: 1,
    lastCommitAt: 1,
    logEnd: 1 + lag,
    complete: 1,
  });
  const group = (partitions: PartitionEvaluation[], complete = 1): GroupEvaluation => ({
    groupId: 'g',
    status: 'OK',
    level: 'OK',
    totalLag: 0,
    maxTimeLagMs: null,
    complete,
    partitions,
  });

  it('names the partitions that are not OK and counts the rest', () => {
    expect(partitionStatusText(group([p(0, 'STOP', 12), p(1, 'OK', 0), p(2, 'OK', 0)]))).toBe(
      'orders[0] STOP, lag 12\n2 partitions OK',
    );
  });

  it('says how full the windows are while they fill', () => {
    expect(partitionStatusText(group([p(0, 'OK', 0)], 0.5))).toBe('1 partition OK\nwindows 50% full');
  });
});
