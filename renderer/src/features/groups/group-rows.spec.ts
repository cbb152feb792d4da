import { describe, expect, it } from 'vitest';
import type { GroupOverviewRow } from '../../../../main/ipc/contract';
import { levelOf, type GroupEvaluation, type PartitionStatus } from '../../../../engine/lag/lag-status';
import { groupRows, lastCommitOf, nextSort, since, statesOf, totalLagOf } from './group-rows';

const row = (groupId: string, over: Partial<GroupOverviewRow> = {}): GroupOverviewRow => ({
  groupId,
  protocolType: 'consumer',
  state: 'Empty',
  members: 0,
  topics: [],
  totalLag: null,
  partitionsUnknown: 0,
  lastCommitAt: null,
  ...over,
});

const rows = [
  row('billing', { totalLag: 5, state: 'Stable', members: 2, topics: ['orders'], lastCommitAt: 100 }),
  row('audit', { totalLag: 500, topics: ['audit-log', 'orders'] }),
  row('idle'),
  row('shipping', { totalLag: 5, topics: ['parcels'], lastCommitAt: 300 }),
];
const ids = (list: GroupOverviewRow[]) => list.map((r) => r.groupId);
const all = { text: '', state: '' };

describe('groupRows', () => {
  it('sorts by lag, largest first, unknown last and ties by name; the other way too', () => {
    expect(ids(groupRows(rows, all, { column: 'lag', descending: true }))).toEqual([
      'audit',
      'billing',
      'shipping',
      'idle',
    ]);
    expect(ids(groupRows(rows, all, { column: 'lag', descending: false }))).toEqual([
      'billing',
      'shipping',
      'audit',
      'idle',
    ]);
  });

  it('sorts by name, state, members, topic count and last commit', () => {
    expect(ids(groupRows(rows, all, { column: 'group', descending: false }))).toEqual([
      'audit',
      'billing',
      'idle',
      'shipping',
    ]);
    expect(ids(groupRows(rows, all, { column: 'state', descending: true }))[0]).toBe('billing');
    expect(ids(groupRows(rows, all, { column: 'members', descending: true }))[0]).toBe('billing');
    expect(ids(groupRows(rows, all, { column: 'topics', descending: true }))[0]).toBe('audit');
    expect(ids(groupRows(rows, all, { column: 'lastCommit', descending: true }))).toEqual([
      'shipping',
      'billing',
      'audit',
      'idle',
    ]);
  });

  it('filters by group id or topic, case-insensitively, and by state', () => {
    const sort = { column: 'group' as const, descending: false };
    expect(ids(groupRows(rows, { text: 'ORDERS', state: '' }, sort))).toEqual(['audit', 'billing']);
    expect(ids(groupRows(rows, { text: 'ship', state: '' }, sort))).toEqual(['shipping']);
    expect(ids(groupRows(rows, { text: 'orders', state: 'Stable' }, sort))).toEqual(['billing']);
    expect(ids(groupRows(rows, { text: '', state: 'Dead' }, sort))).toEqual([]);
    expect(statesOf(rows)).toEqual(['Empty', 'Stable']);
  });
});

describe('groupRows by lag status', () => {
  const evaluation = (status: PartitionStatus, maxTimeLagMs: number | null): GroupEvaluation => ({
    groupId: '',
    status,
    level: levelOf(status),
    totalLag: 0,
    maxTimeLagMs,
    complete: 1,
    partitions: [],
  });
  const lag = new Map([
    ['billing', evaluation('WARN', 4_000)],
    ['audit', evaluation('STOP', 60_000)],
    ['shipping', evaluation('OK', null)],
  ]);
  const lookup = (group: string) => lag.get(group);

  it('sorts worst status first, groups not evaluated last', () => {
    expect(ids(groupRows(rows, all, nextSort({ column: 'group', descending: false }, 'status'), lookup))).toEqual([
      'audit',
      'billing',
      'shipping',
      'idle',
    ]);
  });

  it('shows a watched group’s lag and last commit from the monitor, others from the overview', () => {
    const watched = {
      ...evaluation('STOP', 1),
      totalLag: 42,
      partitions: [
        {
          topic: 't',
          partition: 0,
          status: 'STOP' as const,
          lag: 42,
          timeLagMs: 1,
          offset: 1,
          lastCommitAt: 700,
          logEnd: 43,
          complete: 1,
        },
        {
          topic: 't',
          partition: 1,
          status: 'OK' as const,
          lag: 0,
          timeLagMs: null,
          offset: 1,
          lastCommitAt: 900,
          logEnd: 1,
          complete: 1,
        },
      ],
    };
    const only = (group: string) => (group === 'audit' ? watched : undefined);
    expect(totalLagOf(rows[1]!, only)).toBe(42);
    expect(lastCommitOf(rows[1]!, only)).toBe(900);
    expect(totalLagOf(rows[0]!, only)).toBe(5);
    expect(lastCommitOf(rows[0]!, only)).toBe(100);
    expect(lastCommitOf(rows[2]!, only)).toBeNull();
  });

  it('sorts by time lag, largest first, unknown last', () => {
    expect(ids(groupRows(rows, all, { column: 'timeLag', descending: true }, lookup))).toEqual([
      'audit',
      'billing',
      'idle',
      'shipping',
    ]);
  });
});

describe('nextSort and since', () => {
  it('a new column starts biggest first for numbers, A to Z for names; the same column flips', () => {
    expect(nextSort({ column: 'group', descending: false }, 'lag')).toEqual({ column: 'lag', descending: true });
    expect(nextSort({ column: 'lag', descending: true }, 'group')).toEqual({ column: 'group', descending: false });
    expect(nextSort({ column: 'lag', descending: true }, 'lag')).toEqual({ column: 'lag', descending: false });
  });

  it('says how long ago, or unknown', () => {
    expect(since(null, 1e6)).toBe('unknown');
    expect(since(1e6 - 12_000, 1e6)).toBe('12 s ago');
    expect(since(1e6 - 5 * 60_000, 1e6)).toBe('5 min ago');
    expect(since(0, 3 * 3_600_000)).toBe('3 h ago');
    expect(since(0, 2 * 86_400_000)).toBe('2 d ago');
  });
});
