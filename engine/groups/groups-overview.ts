// Every consumer group of a cluster in one table: state, members, topics, total lag and the time of
// its last Sluice commit. The arithmetic is here, apart from Kafka, so the console's overview and
// lag monitoring (issue 19, once per cycle) compute lag the same way; groups-overview-read.ts
// fetches the facts.
import { parseCommitTag } from '../offsets/commit-metadata.js';
import type { CommittedOffset, LogBounds } from '../offsets/log-bounds.js';
import type { TopicPartitionMap } from '../offsets/topic-partition.js';
import { lagFrom } from './reset-rows.js';

/** What the cluster says about one group: describeGroups plus its committed offsets. */
export interface GroupFacts {
  groupId: string;
  protocolType: string;
  /** Kafka's group state (Empty, Stable, PreparingRebalance, ...), or Unknown. */
  state: string;
  members: number;
  /** Topics in the members' assignments (consumer protocol only). */
  assignedTopics: string[];
  /** Committed offsets (Kafka's -1, "none", left out). */
  committed: TopicPartitionMap<CommittedOffset>;
  /** Why the group's offsets could not be read; its lag is then unknown. */
  error?: string;
}

export interface GroupOverviewRow {
  groupId: string;
  protocolType: string;
  state: string;
  members: number;
  topics: string[];
  /** Records the group still has to read, summed over its partitions; null when it has committed nothing
   *  or its offsets could not be read. */
  totalLag: number | null;
  /** Committed partitions whose log bounds are unknown (topic or partition deleted): not in the lag. */
  partitionsUnknown: number;
  /** The newest checkpoint time among Sluice's commit tags; null for other committers (Kafka keeps no
   *  commit time a client can read). */
  lastCommitAt: number | null;
  error?: string;
}

/** One group's row from its facts and the log bounds shared by every group. */
export function overviewRow(group: GroupFacts, bounds: TopicPartitionMap<LogBounds>): GroupOverviewRow {
  const topics = new Set(group.assignedTopics);
  let lag: number | null = null;
  let unknown = 0;
  let lastCommitAt: number | null = null;
  for (const [tp, committed] of group.committed.entries()) {
    topics.add(tp.topic);
    const at = parseCommitTag(committed.metadata)?.at;
    if (at !== undefined) lastCommitAt = Math.max(lastCommitAt ?? at, at);
    const bound = bounds.get(tp);
    if (!bound) {
      unknown++;
      continue;
    }
    lag = (lag ?? 0) + lagFrom(committed.offset, bound.start, bound.end);
  }
  return {
    groupId: group.groupId,
    protocolType: group.protocolType,
    state: group.state,
    members: group.members,
    topics: [...topics].sort(),
    totalLag: group.error === undefined ? lag : null,
    partitionsUnknown: unknown,
    lastCommitAt,
    ...(group.error === undefined ? {} : { error: group.error }),
  };
}

/** Every group's row, by group id. */
export function overviewRows(groups: readonly GroupFacts[], bounds: TopicPartitionMap<LogBounds>): GroupOverviewRow[] {
  return groups.map((g) => overviewRow(g, bounds)).sort((a, b) => a.groupId.localeCompare(b.groupId));
}

/** The topics whose log bounds the rows need: each once, however many groups commit to it. */
export function committedTopics(groups: readonly GroupFacts[]): string[] {
  const topics = new Set<string>();
  for (const g of groups) for (const tp of g.committed.keys()) topics.add(tp.topic);
  return [...topics].sort();
}
