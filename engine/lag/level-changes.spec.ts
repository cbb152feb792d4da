import { describe, expect, it } from 'vitest';
import { evaluateGroup } from './evaluate.js';
import type { LagLevel, PartitionStatus } from './lag-status.js';
import { levelChanges } from './level-changes.js';

const group = (groupId: string, status: PartitionStatus) =>
  evaluateGroup(groupId, [
    { topic: 't', partition: 0, status, lag: 1, timeLagMs: null, offset: 1, lastCommitAt: 1, logEnd: 2, complete: 1 },
  ]);

describe('levelChanges', () => {
  it('reports every non-OK group at the first cycle, then each level change, recoveries included', () => {
    const first = levelChanges('c', new Map(), [group('a', 'OK'), group('b', 'STALL')], 10);
    expect(first).toEqual([{ cluster: 'c', groupId: 'b', from: null, to: 'ERR', status: 'STALL', at: 10 }]);
    const previous = new Map<string, LagLevel>([
      ['a', 'OK'],
      ['b', 'ERR'],
    ]);
    const next = levelChanges('c', previous, [group('a', 'WARN'), group('b', 'OK'), group('new', 'OK')], 20);
    expect(next.map((c) => [c.groupId, c.from, c.to])).toEqual([
      ['a', 'OK', 'WARN'],
      ['b', 'ERR', 'OK'],
    ]);
  });

  it('does not report a move between two errors (STOP to STALL stays ERR)', () => {
    expect(levelChanges('c', new Map([['b', 'ERR']]), [group('b', 'STOP')], 30)).toEqual([]);
  });
});
