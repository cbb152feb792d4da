import type { Admin } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { applyGroupReset } from './group-reset.js';
import type { ResetPlan } from './reset-types.js';

// applyGroupReset's own decisions with a fake admin; the broker side is in
// test/integration/engine-group-reset.test.ts.
const row = (topic: string, partition: number, target: number) => ({
  topic,
  partition,
  current: 0,
  target,
  logStart: 0,
  logEnd: 10,
  lagBefore: 10,
  lagAfter: 10 - target,
});
const plan: ResetPlan = {
  groupId: 'billing',
  groupState: 'Empty',
  activeMembers: 0,
  rows: [row('audit', 0, 2), row('orders', 0, 3), row('orders', 1, 4), row('payments', 0, 5)],
  createdAt: 0,
};

function fakeAdmin(state: string, failOn?: string) {
  const calls: { topic: string; partitions: { partition: number; offset: string }[] }[] = [];
  const admin = {
    describeGroups: async () => ({
      groups: [
        {
          state,
          protocol: '',
          members:
            state === 'Empty'
              ? []
              : [{ memberId: 'm', clientId: 'billing-1', clientHost: '/h', memberAssignment: Buffer.alloc(0) }],
        },
      ],
    }),
    setOffsets: async (options: { topic: string; partitions: { partition: number; offset: string }[] }) => {
      if (options.topic === failOn) throw new Error('The coordinator is not available');
      calls.push({ topic: options.topic, partitions: options.partitions });
    },
  };
  return { admin: admin as unknown as Admin, calls };
}

describe('applyGroupReset', () => {
  it('commits each topic once with all its partitions', async () => {
    const { admin, calls } = fakeAdmin('Empty');
    await applyGroupReset(admin, plan);
    expect(calls).toEqual([
      { topic: 'audit', partitions: [{ partition: 0, offset: '2' }] },
      {
        topic: 'orders',
        partitions: [
          { partition: 0, offset: '3' },
          { partition: 1, offset: '4' },
        ],
      },
      { topic: 'payments', partitions: [{ partition: 0, offset: '5' }] },
    ]);
  });

  it('refuses before any commit when the group is not idle', async () => {
    const { admin, calls } = fakeAdmin('PreparingRebalance');
    await expect(applyGroupReset(admin, plan)).rejects.toMatchObject({ hintId: 'group-active' });
    expect(calls).toEqual([]);
  });

  it('names the topics reset and those not when a commit fails midway', async () => {
    const { admin } = fakeAdmin('Empty', 'orders');
    await expect(applyGroupReset(admin, plan)).rejects.toThrow(
      'resetting group "billing" failed on topic "orders": The coordinator is not available; ' +
        'reset: audit; not reset: orders, payments',
    );
  });
});
