import kafkajs from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { decodeAssignment, groupActiveError, isGroupIdle } from './group-members.js';

describe('decodeAssignment', () => {
  it('decodes a consumer-protocol assignment, sorted', () => {
    const data = kafkajs.AssignerProtocol.MemberAssignment.encode({
      version: 0,
      assignment: { orders: [2, 0], audit: [1] },
      userData: Buffer.alloc(0),
    });
    expect(decodeAssignment(data)).toEqual([
      { topic: 'audit', partitions: [1] },
      { topic: 'orders', partitions: [0, 2] },
    ]);
  });

  it('shows nothing for an empty or foreign assignment', () => {
    expect(decodeAssignment(Buffer.alloc(0))).toEqual([]);
    expect(decodeAssignment(Buffer.from([1, 2, 3]))).toEqual([]);
  });
});

describe('an active group', () => {
  it('only Empty and Dead groups may be reset', () => {
    expect(['Empty', 'Dead'].every(isGroupIdle)).toBe(true);
    expect(['Stable', 'PreparingRebalance', 'CompletingRebalance', 'Unknown'].some(isGroupIdle)).toBe(false);
  });

  it('is refused naming the count and each member', () => {
    const error = groupActiveError({
      groupId: 'billing',
      state: 'Stable',
      members: [
        { memberId: 'm1', clientId: 'billing-1', host: '/10.0.0.5', assignment: [] },
        { memberId: 'm2', clientId: 'billing-2', host: '/10.0.0.6', assignment: [] },
      ],
    });
    expect(error.hintId).toBe('group-active');
    expect(error.retriable).toBe(false);
    expect(error.message).toBe(
      'group "billing" has 2 active members (state Stable): billing-1 (/10.0.0.5), billing-2 (/10.0.0.6); ' +
        'stop them before resetting offsets, nothing was changed',
    );
  });
});
