import type { Admin } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { fetchLogBounds, whileCoordinatorMoves } from './fetch-offsets.js';

// kafkajs 2.2.4 throws this TypeError from fetchTopicOffsets while a partition has no leader.
const leaderless = () =>
  new TypeError("Cannot destructure property 'partitions' of 'low.pop(...)' as it is undefined.");

function admin(failures: Error[]): { admin: Admin; calls: () => number } {
  let calls = 0;
  const fake = {
    fetchTopicOffsets: async () => {
      calls++;
      const failure = failures.shift();
      if (failure) throw failure;
      return [{ partition: 0, offset: '9', high: '9', low: '2' }];
    },
  } as unknown as Admin;
  return { admin: fake, calls: () => calls };
}

describe('fetchLogBounds', () => {
  it('asks again while a partition has no leader yet', async () => {
    const a = admin([leaderless(), leaderless()]);
    const bounds = await fetchLogBounds(a.admin, ['t']);
    expect(bounds.get({ topic: 't', partition: 0 })).toEqual({ start: 2, end: 9 });
    expect(a.calls()).toBe(3);
  });

  it('passes any other failure on at once', async () => {
    const a = admin([new Error('broker down')]);
    await expect(fetchLogBounds(a.admin, ['t'])).rejects.toThrow('broker down');
    expect(a.calls()).toBe(1);
  });
});

describe('whileCoordinatorMoves', () => {
  const protocolError = (type: string) => Object.assign(new Error(type), { type });

  it('asks again while the group coordinator is not there yet', async () => {
    const failures = [protocolError('NOT_COORDINATOR'), protocolError('COORDINATOR_LOAD_IN_PROGRESS')];
    let calls = 0;
    const answer = await whileCoordinatorMoves(async () => {
      calls++;
      const failure = failures.shift();
      if (failure) throw failure;
      return 'offsets';
    }, 1);
    expect(answer).toBe('offsets');
    expect(calls).toBe(3);
  });

  it('passes any other failure on at once, and gives up after ten tries', async () => {
    let calls = 0;
    await expect(
      whileCoordinatorMoves(async () => {
        calls++;
        throw protocolError('GROUP_AUTHORIZATION_FAILED');
      }, 1),
    ).rejects.toThrow('GROUP_AUTHORIZATION_FAILED');
    expect(calls).toBe(1);
    calls = 0;
    await expect(
      whileCoordinatorMoves(async () => {
        calls++;
        throw protocolError('NOT_COORDINATOR');
      }, 1),
    ).rejects.toThrow('NOT_COORDINATOR');
    expect(calls).toBe(10);
  });
});
