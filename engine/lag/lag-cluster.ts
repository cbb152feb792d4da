// The monitor's own way to the brokers, below kafkajs's public API (which has no ListOffsets across
// topics and no consumer without a group): a private kafkajs Cluster (the profile's TLS, SASL and SSH
// socket factory apply) whose requests are counted. It gives log ends in one ListOffsets per leader
// broker for every topic at once, and plain Fetch requests (no group, nothing committed) for reading
// __consumer_offsets and single records. kafkajs 2.x internals (pinned), like engine/health/raw-metadata.ts.
import type { Kafka } from 'kafkajs';
import { createPrivateCluster } from '../health/raw-metadata.js';
import type { CommittedAnswer } from '../groups/groups-overview-read.js';
import { TopicPartitionMap } from '../offsets/topic-partition.js';
import { fetchedMessages } from '../source/fetched-batch.js';

export interface FetchWant {
  topic: string;
  partition: number;
  offset: number;
  /** Bytes for this partition (the broker still returns the first batch whole). */
  maxBytes: number;
}

export interface FetchedRecord {
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
}

export interface FetchedPartition {
  topic: string;
  partition: number;
  /** Records at or after the wanted offset, control records left out. */
  records: FetchedRecord[];
  /** Where the next read starts: after the last record of the answer (control records included). */
  nextOffset: number;
  highWatermark: number;
}

interface RawMessage {
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  isControlRecord?: boolean;
}
interface RawBroker {
  offsetFetch(request: { groupId: string; topics: [] }): Promise<{ responses: CommittedAnswer }>;
  fetch(request: object): Promise<{
    responses: {
      topicName: string;
      partitions: { partition: number; highWatermark: string; messages: RawMessage[] | { buffer: Buffer } }[];
    }[];
  }>;
}
interface InternalCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  addMultipleTargetTopics(topics: string[]): Promise<void>;
  findTopicPartitionMetadata(topic: string): { partitionId: number; leader: number }[];
  findLeaderForPartitions(topic: string, partitions: number[]): Record<string, number[]>;
  findBroker(broker: { nodeId: string }): Promise<RawBroker>;
  findGroupCoordinator(request: { groupId: string }): Promise<RawBroker>;
  fetchTopicsOffset(
    topics: { topic: string; fromBeginning: boolean; partitions: { partition: number }[] }[],
  ): Promise<{ topic: string; partitions: { partition: number; offset: string }[] }[]>;
}

/** Kafka's isolation levels: offset commits written in transactions are read like any other. */
const READ_UNCOMMITTED = 0;

export class LagCluster {
  private readonly cluster: InternalCluster;
  private requestsSent = 0;
  private readonly byApi: Record<string, number> = {};
  private readonly coordinators = new Map<string, RawBroker>();

  constructor(kafka: Kafka) {
    this.cluster = createPrivateCluster<InternalCluster>(kafka, {
      allowAutoTopicCreation: false,
      instrumentationEmitter: {
        emit: (name: string, payload: { apiName?: string }) => {
          if (name !== 'network.request') return;
          this.requestsSent++;
          const api = payload.apiName ?? 'unknown';
          this.byApi[api] = (this.byApi[api] ?? 0) + 1;
        },
      },
    });
  }

  async connect(): Promise<void> {
    await this.cluster.connect();
  }

  async close(): Promise<void> {
    await this.cluster.disconnect().catch(() => undefined);
  }

  /** Kafka requests sent so far (a cycle's cost is the difference). */
  get requests(): number {
    return this.requestsSent;
  }

  get requestsByApi(): Readonly<Record<string, number>> {
    return this.byApi;
  }

  /**
   * A group's committed offsets, in one OffsetFetch to its coordinator. Coordinators are remembered,
   * so a cycle does not ask FindCoordinator once per group; a failure forgets the group's and asks
   * again once (the coordinator moved).
   */
  async groupOffsets(groupId: string): Promise<CommittedAnswer> {
    for (let attempt = 1; ; attempt++) {
      let coordinator = this.coordinators.get(groupId);
      if (!coordinator) {
        coordinator = await this.cluster.findGroupCoordinator({ groupId });
        this.coordinators.set(groupId, coordinator);
      }
      try {
        return (await coordinator.offsetFetch({ groupId, topics: [] })).responses;
      } catch (error) {
        this.coordinators.delete(groupId);
        if (attempt >= 2) throw error;
      }
    }
  }

  /** Forgets the coordinators of groups that are gone. */
  retainCoordinators(groupIds: ReadonlySet<string>): void {
    for (const id of this.coordinators.keys()) if (!groupIds.has(id)) this.coordinators.delete(id);
  }

  /** Loads (or refreshes) the metadata of `topics`; call again after a leader moved. */
  async load(topics: readonly string[], refresh = false): Promise<void> {
    await this.cluster.addMultipleTargetTopics([...topics]);
    if (refresh) await this.cluster.refreshMetadata();
  }

  partitions(topic: string): number[] {
    return this.cluster.findTopicPartitionMetadata(topic).map((p) => p.partitionId);
  }

  /**
   * The log end (or start) offset of every partition of `topics` (loaded before), in one ListOffsets
   * per leader broker for all of them.
   */
  async logEnds(topics: readonly string[], which: 'end' | 'start' = 'end'): Promise<TopicPartitionMap<number>> {
    const ends = new TopicPartitionMap<number>();
    if (topics.length === 0) return ends;
    const wanted = topics.map((topic) => ({
      topic,
      fromBeginning: which === 'start',
      partitions: this.partitions(topic).map((partition) => ({ partition })),
    }));
    for (const { topic, partitions } of await this.cluster.fetchTopicsOffset(wanted)) {
      for (const p of partitions) ends.set({ topic, partition: p.partition }, Number(p.offset));
    }
    return ends;
  }

  /**
   * Reads from each wanted partition, one Fetch per leader broker (a partition at most once per call).
   * `maxWaitMs` 0 answers at once; more waits for new records (a tail).
   */
  async fetch(wants: readonly FetchWant[], maxWaitMs: number): Promise<FetchedPartition[]> {
    const perLeader = new Map<string, FetchWant[]>();
    const byTopic = new Map<string, FetchWant[]>();
    for (const w of wants) byTopic.set(w.topic, [...(byTopic.get(w.topic) ?? []), w]);
    for (const [topic, topicWants] of byTopic) {
      const leaders = this.cluster.findLeaderForPartitions(
        topic,
        topicWants.map((w) => w.partition),
      );
      for (const [nodeId, partitions] of Object.entries(leaders)) {
        const list = perLeader.get(nodeId) ?? [];
        list.push(...topicWants.filter((w) => partitions.includes(w.partition)));
        perLeader.set(nodeId, list);
      }
    }
    const answers = await Promise.all(
      [...perLeader].map(async ([nodeId, list]) => {
        const broker = await this.cluster.findBroker({ nodeId });
        const topics = [...new Set(list.map((w) => w.topic))].map((topic) => ({
          topic,
          partitions: list
            .filter((w) => w.topic === topic)
            .map((w) => ({ partition: w.partition, fetchOffset: String(w.offset), maxBytes: w.maxBytes })),
        }));
        const response = await broker.fetch({
          replicaId: -1,
          isolationLevel: READ_UNCOMMITTED,
          maxWaitTime: maxWaitMs,
          minBytes: 1,
          maxBytes: list.reduce((sum, w) => sum + w.maxBytes, 0),
          topics,
        });
        return Promise.all(
          response.responses.flatMap((r) =>
            r.partitions.map(async (p) =>
              fetchedPartition(r.topicName, { ...p, messages: await fetchedMessages(p.messages) }, list),
            ),
          ),
        );
      }),
    );
    return answers.flat();
  }
}

function fetchedPartition(
  topic: string,
  answer: { partition: number; highWatermark: string; messages: RawMessage[] },
  wants: readonly FetchWant[],
): FetchedPartition {
  const from = wants.find((w) => w.topic === topic && w.partition === answer.partition)?.offset ?? 0;
  let nextOffset = from;
  const records: FetchedRecord[] = [];
  for (const m of answer.messages) {
    const offset = Number(m.offset);
    if (offset < from) continue;
    nextOffset = Math.max(nextOffset, offset + 1);
    if (m.isControlRecord) continue;
    records.push({ offset, timestamp: Number(m.timestamp), key: m.key, value: m.value });
  }
  return { topic, partition: answer.partition, records, nextOffset, highWatermark: Number(answer.highWatermark) };
}
