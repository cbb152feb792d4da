// Reset a consumer group's committed offsets, as kafka-consumer-groups --reset-offsets does: plan
// first (a preview that changes nothing), then apply the plan while the group has no members.
import type { Admin } from 'kafkajs';
import { classifyError, ConfigError, SluiceError } from '../errors/index.js';
import { tpKey } from '../offsets/topic-partition.js';
import { describeGroup, groupActiveError, isGroupIdle } from './group-members.js';
import { planRows, unknownPartitions, unknownPartitionsError, type PartitionFacts } from './reset-rows.js';
import type { ResetPlan, ResetRequest } from './reset-types.js';

export type { ResetPlan, ResetPlanMember, ResetPlanRow, ResetRequest, ResetTo } from './reset-types.js';

/**
 * What a reset would do, per partition, without changing anything. Partitions: for `specific`, exactly
 * those listed (filtered by `topics` when given); otherwise every partition of `topics`, or of the
 * topics the group has committed offsets for. Unknown topics or partitions are refused together.
 */
export async function planGroupReset(admin: Admin, req: ResetRequest): Promise<ResetPlan> {
  const group = await describeGroup(admin, req.groupId);
  const wanted = await wantedPartitions(admin, req);
  const topics = [...new Set(wanted.map((w) => w.topic))];
  const existing = new Set(await admin.listTopics());
  const bounds = new Map<string, { partition: number; low: number; high: number }[]>();
  for (const topic of topics.filter((t) => existing.has(t))) {
    const offsets = await admin.fetchTopicOffsets(topic);
    bounds.set(
      topic,
      offsets.map((o) => ({ partition: o.partition, low: Number(o.low), high: Number(o.high) })),
    );
  }
  const known = new Map([...bounds].map(([topic, list]) => [topic, list.map((b) => b.partition)]));
  const unknown = unknownPartitions(wanted, known);
  if (unknown.length > 0) throw unknownPartitionsError(req.groupId, unknown);

  const committed = new Map<string, number>();
  for (const entry of await admin.fetchOffsets({ groupId: req.groupId, topics })) {
    for (const p of entry.partitions) committed.set(tpKey(entry.topic, p.partition), Number(p.offset));
  }
  const facts: PartitionFacts[] = [];
  for (const [topic, list] of bounds) {
    const only = new Set(wanted.filter((w) => w.topic === topic && w.partition !== undefined).map((w) => w.partition));
    for (const b of list) {
      if (only.size > 0 && !only.has(b.partition)) continue;
      const current = committed.get(tpKey(topic, b.partition)) ?? -1;
      facts.push({
        topic,
        partition: b.partition,
        current: current >= 0 ? current : null,
        logStart: b.low,
        logEnd: b.high,
      });
    }
  }

  const byTimestamp = new Map<string, number>();
  if (req.to.kind === 'timestamp') {
    for (const topic of bounds.keys()) {
      for (const found of await admin.fetchTopicOffsetsByTimestamp(topic, req.to.timestamp)) {
        byTimestamp.set(tpKey(topic, found.partition), Number(found.offset));
      }
    }
  }
  const rows = planRows(facts, req.to, { byTimestamp, outOfRange: req.outOfRange ?? 'refuse' });
  const active = isGroupIdle(group.state) ? [] : group.members;
  return {
    groupId: req.groupId,
    groupState: group.state,
    activeMembers: active.length,
    members: active.map((m) => ({ memberId: m.memberId, clientId: m.clientId, host: m.host })),
    rows,
    createdAt: Date.now(),
  };
}

/**
 * Commits the plan's targets. Describes the group again first and refuses, changing nothing, while it
 * has active members: they would overwrite the reset with their next commit.
 */
export async function applyGroupReset(admin: Admin, plan: ResetPlan): Promise<void> {
  const group = await describeGroup(admin, plan.groupId);
  if (!isGroupIdle(group.state) || group.members.length > 0) throw groupActiveError(group);
  const byTopic = new Map<string, { partition: number; offset: string }[]>();
  for (const row of plan.rows) {
    const list = byTopic.get(row.topic) ?? [];
    list.push({ partition: row.partition, offset: String(row.target) });
    byTopic.set(row.topic, list);
  }
  const done: string[] = [];
  for (const [topic, partitions] of byTopic) {
    try {
      await admin.setOffsets({ groupId: plan.groupId, topic, partitions });
    } catch (error) {
      // One commit per topic (kafkajs setOffsets): say exactly what is and is not reset.
      const classified = classifyError(error);
      const pending = [...byTopic.keys()].filter((t) => !done.includes(t));
      throw new SluiceError(
        `resetting group "${plan.groupId}" failed on topic "${topic}": ${classified.message}; ` +
          `reset: ${done.join(', ') || 'none'}; not reset: ${pending.join(', ')}`,
        { cause: error, hintId: classified.hintId, retriable: classified.retriable, details: { done, pending } },
      );
    }
    done.push(topic);
  }
}

/** The topics (and for `specific`, the partitions) a request covers, before checking they exist. */
async function wantedPartitions(admin: Admin, req: ResetRequest): Promise<{ topic: string; partition?: number }[]> {
  const only = req.topics === undefined ? undefined : new Set(req.topics);
  if (req.to.kind === 'specific') {
    const listed = req.to.offsets.filter((o) => only === undefined || only.has(o.topic));
    if (listed.length === 0) {
      throw new ConfigError(
        `none of the offsets to reset group "${req.groupId}" to is on the topics ${[...(only ?? [])].join(', ')}`,
      );
    }
    return listed.map((o) => ({ topic: o.topic, partition: o.partition }));
  }
  if (req.topics !== undefined) return req.topics.map((topic) => ({ topic }));
  const committed = (await admin.fetchOffsets({ groupId: req.groupId }))
    .filter((entry) => entry.partitions.some((p) => Number(p.offset) >= 0))
    .map((entry) => ({ topic: entry.topic }));
  if (committed.length === 0) {
    throw new ConfigError(
      `group "${req.groupId}" has no committed offsets: name the topics to reset (--topic, or the topics field)`,
    );
  }
  return committed;
}
