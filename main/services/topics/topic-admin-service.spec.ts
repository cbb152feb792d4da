import type { Admin } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { TopicRefusedError } from '../../../engine/topics/index';
import type { ClusterAccess } from '../clusters/cluster-access';
import { TopicAdminService } from './topic-admin-service';

// Only the calls describe() and a refused add make; the operations themselves run against the
// broker in test/integration/cli-topics.test.ts and console-topic-admin.test.ts.
const admin = {
  listTopics: async () => ['orders'],
  fetchTopicMetadata: async () => ({
    topics: [{ name: 'orders', partitions: [{ partitionId: 0, leader: 1, replicas: [1, 2], isr: [1] }] }],
  }),
  fetchTopicOffsets: async () => [{ partition: 0, offset: '9', high: '9', low: '2' }],
  describeConfigs: async () => ({
    resources: [
      {
        configEntries: [
          {
            configName: 'retention.ms',
            configValue: '1000',
            configSource: 1,
            isDefault: false,
            isSensitive: false,
            readOnly: false,
          },
          {
            configName: 'cleanup.policy',
            configValue: 'delete',
            configSource: 5,
            isDefault: true,
            isSensitive: false,
            readOnly: false,
          },
        ],
      },
    ],
  }),
  createPartitions: async () => {
    throw new Error('must not be asked for fewer partitions');
  },
} as unknown as Admin;

const clusters: string[] = [];
const access: ClusterAccess = {
  kafka: async () => {
    throw new Error('not used');
  },
  withAdmin: async (cluster, work) => {
    clusters.push(cluster);
    return work(admin);
  },
};

describe('TopicAdminService', () => {
  it("describes a topic's partitions and its overrides apart from defaults, on the named cluster", async () => {
    const detail = await new TopicAdminService({ access }).describe('local', 'orders');
    expect(clusters.at(-1)).toBe('local');
    expect(detail.description).toEqual({
      topic: 'orders',
      replicationFactor: 2,
      partitions: [{ partition: 0, leader: 1, replicas: [1, 2], isr: [1], logStartOffset: 2, logEndOffset: 9 }],
    });
    expect(detail.configs.overrides.map((c) => [c.name, c.origin])).toEqual([['retention.ms', 'topic']]);
    expect(detail.configs.defaults.map((c) => [c.name, c.origin])).toEqual([['cleanup.policy', 'default']]);
  });

  it('refuses fewer partitions by field, without asking the broker', async () => {
    const refused = new TopicAdminService({ access }).addPartitions({
      cluster: 'local',
      request: { topic: 'orders', partitions: 1 },
    });
    await expect(refused).rejects.toBeInstanceOf(TopicRefusedError);
    await expect(refused).rejects.toMatchObject({
      problems: [{ path: 'partitions', message: 'the topic already has 1 partition; give a larger count to add some' }],
    });
  });
});
