import { describe, expect, it } from 'vitest';
import { silentLogger } from '../job/logger.js';
import { TopicPartitionMap } from '../offsets/topic-partition.js';
import { CommitLogTail, CONSUMER_OFFSETS } from './commit-log-tail.js';
import type { FetchedPartition, FetchWant, LagCluster } from './lag-cluster.js';

// The tail against a stand-in for the brokers (its own logic only; the integration tests read the
// real __consumer_offsets of Kafka 3.9 and 4.x).

const str = (s: string) => Buffer.concat([Buffer.from([0, Buffer.byteLength(s)]), Buffer.from(s)]);
const commitKey = (group: string, topic: string, partition: number) => {
  const p = Buffer.alloc(4);
  p.writeInt32BE(partition);
  return Buffer.concat([Buffer.from([0, 1]), str(group), str(topic), p]);
};
const commitValue = (offset: number, at: number) => {
  const b = Buffer.alloc(8 + 2 + 8);
  b.writeBigInt64BE(BigInt(offset), 0);
  b.writeInt16BE(0, 8); // empty metadata
  b.writeBigInt64BE(BigInt(at), 10);
  return Buffer.concat([Buffer.from([0, 3]), b.subarray(0, 8), Buffer.from([0, 0, 0, 0]), b.subarray(8)]);
};

class FakeCluster {
  fetches: FetchWant[][] = [];
  constructor(
    private readonly answers: FetchedPartition[][],
    private readonly failLoad?: Error,
  ) {}
  async connect(): Promise<void> {}
  async close(): Promise<void> {}
  async load(): Promise<void> {
    if (this.failLoad) throw this.failLoad;
  }
  async logEnds(_topics: string[], which = 'end'): Promise<TopicPartitionMap<number>> {
    const map = new TopicPartitionMap<number>();
    map.set({ topic: CONSUMER_OFFSETS, partition: 0 }, which === 'end' ? 10 : 0);
    return map;
  }
  async fetch(wants: FetchWant[]): Promise<FetchedPartition[]> {
    this.fetches.push(wants);
    const answer = this.answers.shift();
    if (!answer) await new Promise((resolve) => setTimeout(resolve, 5));
    return answer ?? [];
  }
}

const tailOf = (cluster: FakeCluster, seen: unknown[], unreadable: string[]) =>
  new CommitLogTail(cluster as unknown as LagCluster, {
    lookbackRecords: 4,
    pollWaitMs: 0,
    partitionBytes: 1024,
    log: silentLogger,
    onCommit: (c) => seen.push(c),
    onUnreadable: (reason) => unreadable.push(reason),
  });

describe('CommitLogTail', () => {
  it('hands on offset commits with their commit time, skips other records, and reads on from the next offset', async () => {
    const partition = { topic: CONSUMER_OFFSETS, partition: 0, highWatermark: 12 };
    const cluster = new FakeCluster([
      [
        {
          ...partition,
          nextOffset: 9,
          records: [
            { offset: 6, timestamp: 1, key: commitKey('g', 'orders', 2), value: commitValue(41, 1_000) },
            {
              offset: 7,
              timestamp: 2,
              key: Buffer.concat([Buffer.from([0, 2]), str('g')]),
              value: Buffer.from([0, 3]),
            },
            { offset: 8, timestamp: 3, key: commitKey('g', 'orders', 2), value: null },
          ],
        },
      ],
      [
        {
          ...partition,
          nextOffset: 10,
          records: [{ offset: 9, timestamp: 4, key: commitKey('h', 'audit', 0), value: commitValue(7, 2_000) }],
        },
      ],
    ]);
    const seen: unknown[] = [];
    const unreadable: string[] = [];
    const tail = tailOf(cluster, seen, unreadable);
    expect(await tail.start()).toBe(true);
    while (cluster.fetches.length < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    await tail.stop();
    expect(seen).toEqual([
      { groupId: 'g', topic: 'orders', partition: 2, offset: 41, commitTimestamp: 1_000 },
      { groupId: 'h', topic: 'audit', partition: 0, offset: 7, commitTimestamp: 2_000 },
    ]);
    expect(tail.otherRecords).toBe(1);
    // From the log end (10) minus the lookback (4), then after each answer's last record.
    expect(cluster.fetches.slice(0, 3).map((f) => f[0]!.offset)).toEqual([6, 9, 10]);
    expect(unreadable).toEqual([]);
  });

  it('says once that __consumer_offsets is not readable when the ACLs refuse it, and stops', async () => {
    const denied = Object.assign(new Error('Not authorized to access topics: [Topic authorization failed]'), {
      type: 'TOPIC_AUTHORIZATION_FAILED',
    });
    const unreadable: string[] = [];
    const tail = tailOf(new FakeCluster([], denied), [], unreadable);
    expect(await tail.start()).toBe(false);
    expect(unreadable).toEqual([`${CONSUMER_OFFSETS} not readable: ${denied.message}`]);
  });
});
