// Many consumer groups at once, for the lag monitor's scale test and its bench section: `topics`
// topics of `partitions` partitions with `records` records each, and `groups` groups, group i
// committing to topic i % topics on every partition an offset known by construction. Commits are
// Kafka's standalone OffsetCommit (generation -1, no member: what a consumer that never joined
// sends), `concurrency` groups at a time, so 2,000 groups take seconds, not the minutes joins would.
import type { Kafka } from 'kafkajs';
import { createPrivateCluster } from '../../engine/health/raw-metadata.js';
import { mapBounded } from '../../engine/groups/map-bounded.js';

export interface LagScaleOptions {
  prefix: string;
  groups: number;
  topics: number;
  partitions: number;
  records: number;
  concurrency?: number;
}

export interface LagScale {
  topics: string[];
  groups: { groupId: string; topic: string; committed: number[] }[];
  /** Every partition's log end (`records`). */
  logEnd: number;
}

interface CommitCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  findGroupCoordinator(request: { groupId: string }): Promise<{
    offsetCommit(request: {
      groupId: string;
      groupGenerationId: number;
      memberId: string;
      topics: { topic: string; partitions: { partition: number; offset: string }[] }[];
    }): Promise<unknown>;
  }>;
}

/** The committed offset of group `g` on partition `p`: spread over 0..records, some at the end (no lag). */
export const scaleOffset = (g: number, p: number, records: number): number => (g * 7 + p * 13) % (records + 1);

export async function createLagScale(kafka: Kafka, options: LagScaleOptions): Promise<LagScale> {
  const admin = kafka.admin();
  await admin.connect();
  const topics = Array.from({ length: options.topics }, (_, i) => `${options.prefix}-t${i}`);
  try {
    await admin.createTopics({
      topics: topics.map((topic) => ({ topic, numPartitions: options.partitions, replicationFactor: 1 })),
      waitForLeaders: true,
    });
  } finally {
    await admin.disconnect();
  }
  // Idempotent: kafkajs resends a whole batch when one partition's leader is not ready yet, and the
  // broker must drop what already landed.
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    for (const topic of topics) {
      const messages = [];
      for (let p = 0; p < options.partitions; p++) {
        for (let r = 0; r < options.records; r++) messages.push({ partition: p, value: `r-${r}` });
      }
      await producer.send({ topic, messages });
    }
  } finally {
    await producer.disconnect();
  }
  const groups = Array.from({ length: options.groups }, (_, g) => ({
    groupId: `${options.prefix}-g${String(g).padStart(5, '0')}`,
    topic: topics[g % topics.length]!,
    committed: Array.from({ length: options.partitions }, (_, p) => scaleOffset(g, p, options.records)),
  }));
  const cluster = createPrivateCluster<CommitCluster>(kafka, { allowAutoTopicCreation: false });
  await cluster.connect();
  try {
    await mapBounded(groups, options.concurrency ?? 32, async (group) =>
      retried(async () => {
        const coordinator = await cluster.findGroupCoordinator({ groupId: group.groupId });
        await coordinator.offsetCommit({
          groupId: group.groupId,
          groupGenerationId: -1,
          memberId: '',
          topics: [
            {
              topic: group.topic,
              partitions: group.committed.map((offset, partition) => ({ partition, offset: String(offset) })),
            },
          ],
        });
      }),
    );
  } finally {
    await cluster.disconnect();
  }
  return { topics, groups, logEnd: options.records };
}

/** A new broker loads its group coordinators for a while (NOT_COORDINATOR, COORDINATOR_LOAD_IN_PROGRESS). */
async function retried<T>(work: () => Promise<T>, attempts = 20): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if ((error as { retriable?: boolean }).retriable !== true || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
