import type { Admin } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import type { ClusterAccess } from '../clusters/cluster-access';
import { TopicsService } from './topics-service';

// Only what list() and browse() planning call; the record reading is covered against the real
// broker in test/integration/console-browser-mode.test.ts.
const admin = {
  fetchTopicMetadata: async () => ({
    topics: [
      {
        name: 'orders',
        partitions: [
          { partitionId: 1, leader: 2, replicas: [2, 3], isr: [2] },
          { partitionId: 0, leader: 1, replicas: [1, 2], isr: [1, 2] },
        ],
      },
      { name: '__consumer_offsets', partitions: [{ partitionId: 0, leader: 1, replicas: [1], isr: [1] }] },
    ],
  }),
  fetchTopicOffsets: async (topic: string) =>
    topic === 'orders'
      ? [
          { partition: 0, offset: '10', high: '10', low: '4' },
          { partition: 1, offset: '3', high: '3', low: '3' },
        ]
      : [{ partition: 0, offset: '7', high: '7', low: '0' }],
} as unknown as Admin;

const access: ClusterAccess = {
  kafka: async () => {
    throw new Error('not used');
  },
  withAdmin: async (_cluster, work) => work(admin),
};

describe('TopicsService', () => {
  it('lists topics by name with partitions, replicas and record counts', async () => {
    const topics = await new TopicsService({ access }).list('local');
    expect(topics.map((t) => [t.name, t.internal, t.records])).toEqual([
      ['__consumer_offsets', true, 7],
      ['orders', false, 6],
    ]);
    expect(topics[1]!.partitions).toEqual([
      { partition: 0, leader: 1, replicas: 2, isr: 2, logStartOffset: 4, logEndOffset: 10, records: 6 },
      { partition: 1, leader: 2, replicas: 2, isr: 1, logStartOffset: 3, logEndOffset: 3, records: 0 },
    ]);
  });

  it('answers an empty browse without opening a consumer', async () => {
    const service = new TopicsService({ access });
    await expect(
      service.browse({ cluster: 'local', topic: 'orders', partition: 1, from: { mode: 'earliest' }, limit: 10 }),
    ).resolves.toEqual({ records: [] });
  });
});
