import type { Admin } from 'kafkajs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckpointStore } from '../../../engine/checkpoints/index';
import type { ClusterAccess } from '../clusters/cluster-access';
import { GroupsService, PreviewStaleError } from './groups-service';

// A fake admin for the service's own logic (the Kafka side is tested against the broker in
// test/integration/engine-group-reset.test.ts): topic "orders" with 2 partitions, log 0..10.
function fakeAdmin(state: { groupState: string; committed: Record<number, number> }) {
  const setOffsets: { topic: string; partitions: { partition: number; offset: string }[] }[] = [];
  const admin = {
    describeGroups: async () => ({
      groups: [
        {
          state: state.groupState,
          protocol: '',
          members:
            state.groupState === 'Stable'
              ? [{ memberId: 'm1', clientId: 'billing-1', clientHost: '/10.0.0.5', memberAssignment: Buffer.alloc(0) }]
              : [],
        },
      ],
    }),
    listTopics: async () => ['orders'],
    fetchTopicOffsets: async () => [0, 1].map((partition) => ({ partition, low: '0', high: '10', offset: '10' })),
    fetchOffsets: async () => [
      {
        topic: 'orders',
        partitions: [0, 1].map((p) => ({ partition: p, offset: String(state.committed[p] ?? -1) })),
      },
    ],
    setOffsets: async (options: { topic: string; partitions: { partition: number; offset: string }[] }) => {
      setOffsets.push({ topic: options.topic, partitions: options.partitions });
    },
  };
  return { admin: admin as unknown as Admin, setOffsets };
}

function service(admin: Admin, stateDir = '/nonexistent'): GroupsService {
  const access: ClusterAccess = {
    kafka: async () => {
      throw new Error('not used');
    },
    withAdmin: async (_cluster, work) => work(admin),
  };
  return new GroupsService({ access, stateDir });
}

const request = { groupId: 'billing', to: { kind: 'earliest' as const }, outOfRange: 'refuse' as const };

describe('GroupsService resets', () => {
  it('applies a plan whose committed offsets still match the preview', async () => {
    const { admin, setOffsets } = fakeAdmin({ groupState: 'Empty', committed: { 0: 4, 1: 7 } });
    const groups = service(admin);
    const preview = await groups.resetPreview({ cluster: 'c', request });
    expect(setOffsets).toEqual([]);
    await groups.resetApply({ cluster: 'c', request, expected: preview.rows });
    expect(setOffsets).toEqual([
      {
        topic: 'orders',
        partitions: [
          { partition: 0, offset: '0' },
          { partition: 1, offset: '0' },
        ],
      },
    ]);
  });

  it('refuses, changing nothing, when the committed offsets moved since the preview', async () => {
    const state = { groupState: 'Empty', committed: { 0: 4, 1: 7 } as Record<number, number> };
    const { admin, setOffsets } = fakeAdmin(state);
    const groups = service(admin);
    const preview = await groups.resetPreview({ cluster: 'c', request });
    state.committed[1] = 9;
    const refused = groups.resetApply({ cluster: 'c', request, expected: preview.rows });
    await expect(refused).rejects.toBeInstanceOf(PreviewStaleError);
    await expect(refused).rejects.toThrow(
      'group "billing" changed since the preview (orders[1] committed offset moved from 7 to 9): preview again',
    );
    expect(setOffsets).toEqual([]);
  });

  it('refuses, changing nothing, while the group has a member', async () => {
    const { admin, setOffsets } = fakeAdmin({ groupState: 'Stable', committed: { 0: 4 } });
    await expect(service(admin).resetApply({ cluster: 'c', request })).rejects.toMatchObject({
      hintId: 'group-active',
      message: expect.stringContaining('has 1 active member (state Stable): billing-1 (/10.0.0.5)'),
    });
    expect(setOffsets).toEqual([]);
  });

  it("previews a job's checkpoint as specific offsets and says which checkpoint", async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'sluice-groups-'));
    const store = new CheckpointStore({ stateDir, jobName: 'orders-replay', retain: 3 });
    await store.prepare();
    await store.write({
      jobName: 'orders-replay',
      checkpointId: 1,
      takenAt: 1_700_000_000_000,
      offsets: [{ topic: 'orders', partition: 1, offset: 6 }],
      partitions: [{ topic: 'orders', partition: 1 }],
      sink: null,
    });
    const { admin } = fakeAdmin({ groupState: 'Empty', committed: { 0: 4, 1: 7 } });
    const preview = await service(admin, stateDir).resetPreview({
      cluster: 'c',
      request: { ...request, to: { kind: 'checkpoint', job: 'orders-replay' } },
    });
    expect(preview.checkpoint).toEqual({ job: 'orders-replay', checkpointId: 1, takenAt: 1_700_000_000_000 });
    expect(preview.rows.map((r) => [r.topic, r.partition, r.current, r.target])).toEqual([['orders', 1, 7, 6]]);
  });
});

describe('GroupsService overview', () => {
  it('reads once per cluster while a read runs, and reports its progress by cluster', async () => {
    const { admin: base } = fakeAdmin({ groupState: 'Empty', committed: { 0: 4, 1: 7 } });
    let listed = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const admin = Object.assign(Object.create(null) as object, base, {
      events: { REQUEST: 'admin.network.request' },
      on: () => () => undefined,
      listGroups: async () => {
        listed++;
        await gate;
        return { groups: [{ groupId: 'billing', protocolType: 'consumer' }] };
      },
      describeGroups: async () => ({
        groups: [{ groupId: 'billing', state: 'Empty', protocolType: 'consumer', members: [] }],
      }),
      fetchTopicMetadata: async () => ({ topics: [] }),
    }) as unknown as Admin;
    const progress: string[] = [];
    const access: ClusterAccess = {
      kafka: async () => {
        throw new Error('not used');
      },
      withAdmin: async (_cluster, work) => work(admin),
    };
    const groups = new GroupsService({
      access,
      stateDir: '/nonexistent',
      emitProgress: (e) => progress.push(`${e.cluster}:${e.phase}:${e.done}/${e.total}`),
    });
    const first = groups.overview('c');
    const second = groups.overview('c');
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(a).toBe(b);
    expect(listed).toBe(1);
    expect(a.rows).toMatchObject([{ groupId: 'billing', state: 'Empty', totalLag: 9, topics: ['orders'] }]);
    expect(progress).toEqual([
      'c:list:0/1',
      'c:describe:0/1',
      'c:describe:1/1',
      'c:offsets:0/1',
      'c:offsets:1/1',
      'c:log-bounds:0/1',
      'c:log-bounds:1/1',
    ]);
    // Done: the next ask reads again.
    await groups.overview('c');
    expect(listed).toBe(2);
  });
});
