// The Kafka side of the groups overview, in few requests. kafkajs 2.2.4 speaks OffsetFetch up to v4:
// one group per request (several groups per request is v8, KIP-709), and each admin call looks up the
// group's coordinator first. So: describeGroups in batches (kafkajs sends one DescribeGroups per
// coordinator per batch), OffsetFetch per group with bounded concurrency, and the log bounds of each
// committed topic once, shared by every group. The requests made are counted by API (the cost).
import type { Admin, GroupDescription } from 'kafkajs';
import { topicOffsets } from '../offsets/fetch-offsets.js';
import type { CommittedOffset, LogBounds } from '../offsets/log-bounds.js';
import { TopicPartitionMap } from '../offsets/topic-partition.js';
import { decodeAssignment } from './group-members.js';
import { committedTopics, overviewRows, type GroupFacts, type GroupOverviewRow } from './groups-overview.js';
import { mapBounded } from './map-bounded.js';

export type OverviewPhase = 'list' | 'describe' | 'offsets' | 'log-bounds';

export interface OverviewProgress {
  phase: OverviewPhase;
  done: number;
  total: number;
}

export interface OverviewCost {
  /** Requests sent, by Kafka API name (FindCoordinator, DescribeGroups, OffsetFetch, ListOffsets, Metadata). */
  requests: Record<string, number>;
  groups: number;
  topics: number;
  ms: number;
}

export interface GroupsOverview {
  rows: GroupOverviewRow[];
  at: number;
  cost: OverviewCost;
}

export interface ReadOverviewOptions {
  /** Groups per describeGroups call. */
  describeBatch?: number;
  /** Groups whose offsets are fetched at once; topics whose bounds are fetched at once. */
  concurrency?: number;
  onProgress?: (progress: OverviewProgress) => void;
  /** Only these groups (those listed by the cluster); default every group. */
  groupIds?: readonly string[];
  /** false: no DescribeGroups (state Unknown, no members), for readers that need only the offsets. */
  describe?: boolean;
  /** Reads a group's committed offsets; default the admin's fetchOffsets (a FindCoordinator each time). */
  fetchOffsets?: (groupId: string) => Promise<CommittedAnswer>;
}

/** A group's committed offsets as kafkajs answers them (offsets as strings, -1 for none). */
export type CommittedAnswer = {
  topic: string;
  partitions: { partition: number; offset: string; metadata?: string | null }[];
}[];

export async function readGroupsOverview(admin: Admin, options: ReadOverviewOptions = {}): Promise<GroupsOverview> {
  const started = Date.now();
  const requests: Record<string, number> = {};
  const stopCounting = admin.on(admin.events.REQUEST, (event) => {
    const api = (event.payload as { apiName?: string }).apiName ?? 'unknown';
    requests[api] = (requests[api] ?? 0) + 1;
  });
  try {
    const groups = await readGroupFacts(admin, options);
    const topics = committedTopics(groups);
    const bounds = await readLogBounds(admin, topics, options);
    return {
      rows: overviewRows(groups, bounds),
      at: Date.now(),
      cost: { requests, groups: groups.length, topics: topics.length, ms: Date.now() - started },
    };
  } finally {
    stopCounting();
  }
}

/** Every group's description and committed offsets. */
export async function readGroupFacts(admin: Admin, options: ReadOverviewOptions = {}): Promise<GroupFacts[]> {
  const progress = options.onProgress ?? (() => undefined);
  const concurrency = options.concurrency ?? 16;
  const batch = options.describeBatch ?? 250;
  progress({ phase: 'list', done: 0, total: 1 });
  const listed = (await admin.listGroups()).groups;
  const protocolTypes = new Map(listed.map((g) => [g.groupId, g.protocolType]));
  const only = options.groupIds ? new Set(options.groupIds) : undefined;
  const ids = [...protocolTypes.keys()].filter((id) => !only || only.has(id));
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += batch) batches.push(ids.slice(i, i + batch));
  let described = 0;
  progress({ phase: 'describe', done: 0, total: ids.length });
  const descriptions: Pick<GroupDescription, 'groupId' | 'protocolType' | 'state' | 'members'>[] =
    options.describe === false
      ? ids.map((groupId) => ({
          groupId,
          protocolType: protocolTypes.get(groupId) ?? '',
          state: 'Unknown',
          members: [],
        }))
      : (
          await mapBounded(batches, 2, async (groupIds) => {
            const { groups } = await admin.describeGroups(groupIds);
            described += groupIds.length;
            progress({ phase: 'describe', done: described, total: ids.length });
            return groups;
          })
        ).flat();
  const fetchOffsets = options.fetchOffsets ?? ((groupId: string) => admin.fetchOffsets({ groupId }));
  let fetched = 0;
  progress({ phase: 'offsets', done: 0, total: descriptions.length });
  return mapBounded(descriptions, concurrency, async (group) => {
    const facts: GroupFacts = {
      groupId: group.groupId,
      protocolType: protocolTypes.get(group.groupId) ?? group.protocolType,
      state: group.state || 'Unknown',
      members: group.members.length,
      assignedTopics: [
        ...new Set(group.members.flatMap((m) => decodeAssignment(m.memberAssignment).map((a) => a.topic))),
      ],
      committed: new TopicPartitionMap<CommittedOffset>(),
    };
    try {
      for (const { topic, partitions } of await fetchOffsets(group.groupId)) {
        for (const p of partitions) {
          const offset = Number(p.offset);
          if (Number.isSafeInteger(offset) && offset >= 0) {
            facts.committed.set({ topic, partition: p.partition }, { offset, metadata: p.metadata ?? null });
          }
        }
      }
    } catch (error) {
      facts.error = `offsets not readable: ${(error as Error).message}`;
    }
    fetched++;
    if (fetched % 50 === 0 || fetched === descriptions.length) {
      progress({ phase: 'offsets', done: fetched, total: descriptions.length });
    }
    return facts;
  });
}

/**
 * Log start and end of every partition of `topics`, each topic once. Topics deleted since a group
 * committed to them are left out (their partitions count as unknown). One Metadata request loads
 * every topic first, so kafkajs does not refresh its metadata once per topic.
 */
export async function readLogBounds(
  admin: Admin,
  topics: readonly string[],
  options: ReadOverviewOptions = {},
): Promise<TopicPartitionMap<LogBounds>> {
  const progress = options.onProgress ?? (() => undefined);
  const bounds = new TopicPartitionMap<LogBounds>();
  const existing = new Set(await admin.listTopics());
  const present = topics.filter((t) => existing.has(t));
  progress({ phase: 'log-bounds', done: 0, total: present.length });
  if (present.length === 0) return bounds;
  await admin.fetchTopicMetadata({ topics: present });
  let done = 0;
  await mapBounded(present, options.concurrency ?? 16, async (topic) => {
    for (const o of await topicOffsets(admin, topic)) {
      bounds.set({ topic, partition: o.partition }, { start: Number(o.low), end: Number(o.high) });
    }
    progress({ phase: 'log-bounds', done: ++done, total: present.length });
  });
  return bounds;
}
