import { describe, expect, it } from 'vitest';
import { formatCommitTag } from '../offsets/commit-metadata.js';
import type { CommittedOffset, LogBounds } from '../offsets/log-bounds.js';
import { TopicPartitionMap } from '../offsets/topic-partition.js';
import { committedTopics, overviewRow, overviewRows, type GroupFacts } from './groups-overview.js';

const bounds = TopicPartitionMap.from<LogBounds>([
  [
    { topic: 'orders', partition: 0 },
    { start: 0, end: 100 },
  ],
  [
    { topic: 'orders', partition: 1 },
    { start: 40, end: 50 },
  ],
  [
    { topic: 'audit', partition: 0 },
    { start: 0, end: 7 },
  ],
]);

const group = (groupId: string, committed: [string, number, number, string?][], extra: Partial<GroupFacts> = {}) =>
  ({
    groupId,
    protocolType: 'consumer',
    state: 'Empty',
    members: 0,
    assignedTopics: [],
    committed: TopicPartitionMap.from<CommittedOffset>(
      committed.map(([topic, partition, offset, metadata]) => [
        { topic, partition },
        { offset, metadata: metadata ?? null },
      ]),
    ),
    ...extra,
  }) satisfies GroupFacts;

describe('overviewRow', () => {
  it('sums lag over partitions; an offset below the log start counts from the start', () => {
    const row = overviewRow(
      group('g', [
        ['orders', 0, 90],
        ['orders', 1, 10],
        ['audit', 0, 7],
      ]),
      bounds,
    );
    // 100-90 + 50-max(10,40) + 0
    expect(row).toMatchObject({ totalLag: 20, topics: ['audit', 'orders'], partitionsUnknown: 0, lastCommitAt: null });
  });

  it('has no lag (null, not 0) for a group that committed nothing, and counts deleted partitions apart', () => {
    expect(overviewRow(group('idle', []), bounds).totalLag).toBeNull();
    const row = overviewRow(
      group('g', [
        ['orders', 0, 100],
        ['gone', 0, 5],
        ['orders', 7, 1],
      ]),
      bounds,
    );
    expect(row).toMatchObject({ totalLag: 0, partitionsUnknown: 2, topics: ['gone', 'orders'] });
  });

  it('takes the last commit time from Sluice commit tags only, the newest of them', () => {
    const row = overviewRow(
      group('job-group', [
        ['orders', 0, 90, formatCommitTag({ job: 'j', checkpointId: 4, at: 1_000 })],
        ['orders', 1, 45, formatCommitTag({ job: 'j', checkpointId: 5, at: 2_000 })],
        ['audit', 0, 3, 'some other client'],
      ]),
      bounds,
    );
    expect(row.lastCommitAt).toBe(2_000);
    expect(
      overviewRow(group('g', [['orders', 0, 1, formatCommitTag({ job: 'j', checkpointId: 1 })]]), bounds).lastCommitAt,
    ).toBeNull();
  });

  it('lists assigned topics without commits, keeps state and members, and an unreadable group has unknown lag', () => {
    const active = group('a', [], { state: 'Stable', members: 3, assignedTopics: ['fresh'] });
    expect(overviewRow(active, bounds)).toMatchObject({
      state: 'Stable',
      members: 3,
      topics: ['fresh'],
      totalLag: null,
    });
    const broken = overviewRow(group('b', [['orders', 0, 1]], { error: 'offsets not readable: boom' }), bounds);
    expect(broken).toMatchObject({ totalLag: null, error: 'offsets not readable: boom' });
  });
});

describe('overviewRows and committedTopics', () => {
  it('orders rows by group id and names each committed topic once', () => {
    const groups = [
      group('b', [['orders', 0, 1]]),
      group('a', [
        ['orders', 1, 41],
        ['audit', 0, 0],
      ]),
    ];
    expect(overviewRows(groups, bounds).map((r) => [r.groupId, r.totalLag])).toEqual([
      ['a', 16],
      ['b', 99],
    ]);
    expect(committedTopics(groups)).toEqual(['audit', 'orders']);
  });
});
