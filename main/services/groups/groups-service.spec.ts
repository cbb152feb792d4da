import kafkajs from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { decodeAssignment } from './groups-service';

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
