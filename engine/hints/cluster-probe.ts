import type { Admin } from 'kafkajs';
import type { HintId } from '../errors/hint-ids.js';
import type { PartitionState } from '../health/health-report.js';
import type { ObservedState } from './catalogue-schema.js';
import { matchFacts } from './match.js';
import type { HintObservation } from './observation.js';

/** What the cluster looked like at the last probe: partition states and broker addresses by node id. */
export interface ClusterSnapshot {
  partitions: Map<string, PartitionState>;
  brokers: Map<number, string>;
  /** Topics the probe asked about that the cluster's metadata does not list. */
  missingTopics: string[];
}

export async function fetchClusterSnapshot(
  admin: Admin,
  topics: readonly string[],
  previous?: ClusterSnapshot,
): Promise<ClusterSnapshot> {
  const brokers = new Map(previous?.brokers ?? []);
  const cluster = await admin.describeCluster();
  for (const b of cluster.brokers) brokers.set(b.nodeId, `${b.host}:${b.port}`);
  const partitions = new Map<string, PartitionState>();
  // Asking for a missing topic's metadata is itself answered UNKNOWN_TOPIC_OR_PARTITION (and logged
  // as a retry): look at the list first and ask only about topics that exist.
  const existing = new Set(topics.length > 0 ? await admin.listTopics() : []);
  const present = topics.filter((t) => existing.has(t));
  const missingTopics = topics.filter((t) => !existing.has(t));
  if (present.length > 0) {
    const { topics: metadata } = await admin.fetchTopicMetadata({ topics: present });
    for (const t of metadata) {
      for (const p of t.partitions) {
        const state = { topic: t.name, partition: p.partitionId, leader: p.leader, replicas: p.replicas, isr: p.isr };
        partitions.set(`${t.name}/${p.partitionId}`, state);
      }
    }
  }
  return { partitions, brokers, missingTopics };
}

/**
 * The protocol errors a broker gives both for a partition whose leader is moving and for a topic
 * that does not exist (or that auto-creation was refused for). Only the cluster's metadata tells
 * the two apart.
 */
export const TOPIC_OR_LEADER_CODES: ReadonlySet<string> = new Set([
  'UNKNOWN_TOPIC_OR_PARTITION',
  'LEADER_NOT_AVAILABLE',
]);

/**
 * An observation made from one of TOPIC_OR_LEADER_CODES, read against the cluster: when topics the
 * job names are absent from the metadata, it is a missing topic (hint `topic-absent` state), not a
 * leader election. Otherwise it stays as it was.
 */
export function readAgainstMetadata(observation: HintObservation, missingTopics: readonly string[]): HintObservation[] {
  const named = observation.topic;
  const missing = named === undefined ? missingTopics : missingTopics.filter((t) => t === named);
  if (missing.length === 0) return [observation];
  const message = `${missing.map((t) => `"${t}"`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} not in the cluster's metadata (${observation.message})`;
  return (matchFacts({ state: 'topic-absent' }) as HintId[]).map((hintId) => ({
    hintId,
    at: observation.at,
    origin: observation.origin,
    message,
    topics: missing,
    ...(observation.broker === undefined ? {} : { broker: observation.broker }),
  }));
}

/**
 * Leader changes since the previous snapshot, and partitions without a leader or with replicas out
 * of sync now: the evidence of a leader election (which partitions, which brokers).
 */
export function diffClusterSnapshots(
  previous: ClusterSnapshot | undefined,
  current: ClusterSnapshot,
  at = Date.now(),
): HintObservation[] {
  const name = (id: number) => {
    const address = current.brokers.get(id);
    return address === undefined ? `broker ${id}` : `broker ${id} (${address})`;
  };
  const out: HintObservation[] = [];
  const add = (state: ObservedState, p: PartitionState, message: string, broker?: number) => {
    for (const hintId of matchFacts({ state }) as HintId[]) {
      out.push({
        hintId,
        at,
        origin: 'state',
        message,
        topic: p.topic,
        partition: p.partition,
        ...(broker === undefined ? {} : { broker: name(broker) }),
      });
    }
  };
  for (const [key, p] of current.partitions) {
    const tp = `${p.topic}/${p.partition}`;
    const before = previous?.partitions.get(key);
    if (p.leader < 0) {
      add('partition-offline', p, `${tp} has no leader`, before?.leader);
      continue;
    }
    if (before && before.leader !== p.leader) {
      add('leader-changed', p, `leader of ${tp} moved from ${name(before.leader)} to ${name(p.leader)}`, before.leader);
    }
    const missing = p.replicas.filter((id) => !p.isr.includes(id));
    const missingBefore = before ? before.replicas.filter((id) => !before.isr.includes(id)) : [];
    // Reported when it starts or changes, not on every look while it lasts.
    if (missing.length > 0 && missing.join() !== missingBefore.join()) {
      const message = `${tp} has ${p.isr.length} of ${p.replicas.length} replicas in sync (out: ${missing.map(name).join(', ')})`;
      add('under-replicated', p, message, missing[0]);
    }
  }
  return out;
}
