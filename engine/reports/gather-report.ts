import type { Admin, Kafka } from 'kafkajs';
import type { Checkpoint } from '../checkpoints/index.js';
import { TopicNotFoundError } from '../errors/index.js';
import { fetchCommittedOffsets, fetchLogBounds } from '../offsets/fetch-offsets.js';
import { compareTp, TopicPartitionMap, type TopicPartition } from '../offsets/topic-partition.js';
import { fetchTimestampsAt } from './record-timestamps.js';
import { lagFrom, REPORT_VERSION, type OffsetReport, type ReportPartition } from './report-schema.js';

export type GatherStage = 'offsets' | 'timestamps' | 'done';

export interface GatherDeps {
  admin: Admin;
  /** For record timestamps; without it they are unknown. */
  kafka?: Kafka;
  sluiceVersion: string;
  now?: () => number;
  /** Called as each stage starts, with the number of partitions: the UI shows it for large groups. */
  onProgress?: (stage: GatherStage, partitions: number) => void;
  timestampTimeoutMs?: number;
}

export interface GatherResult {
  report: OffsetReport;
  /** Things left out, for the operator: e.g. checkpointed topics deleted since. */
  warnings: string[];
}

export interface GroupReportRequest {
  cluster: string;
  groupId: string;
  /** Every partition of these topics (committed or not); default: the topics the group committed to. */
  topics?: string[];
}

/** A consumer group's committed offsets with log bounds, lag and record timestamps. */
export async function gatherGroupReport(deps: GatherDeps, req: GroupReportRequest): Promise<GatherResult> {
  const { admin } = deps;
  if (req.topics) await requireTopics(admin, req.topics);
  const response = await admin.fetchOffsets({ groupId: req.groupId, ...(req.topics ? { topics: req.topics } : {}) });
  const topics = req.topics ?? response.map((t) => t.topic);
  const committed = await fetchCommittedOffsets(admin, req.groupId, topics);
  const bounds = await fetchLogBounds(admin, topics);
  deps.onProgress?.('offsets', bounds.size);
  const partitions = [...bounds.keys()].filter((tp) => req.topics !== undefined || committed.has(tp));
  const rows = partitions.sort(compareTp).map((tp): ReportPartition => {
    const log = bounds.get(tp)!;
    const committedOffset = committed.get(tp)?.offset ?? null;
    return {
      ...tp,
      checkpointedOffset: null,
      committedOffset,
      logStartOffset: log.start,
      logEndOffset: log.end,
      lag: lagFrom(committedOffset, log.start, log.end),
      timestampAtOffset: null,
    };
  });
  await addTimestamps(deps, rows, (r) => r.committedOffset);
  return {
    report: {
      version: REPORT_VERSION,
      kind: 'group',
      cluster: req.cluster,
      job: null,
      groupId: req.groupId,
      checkpointId: null,
      checkpointTakenAt: null,
      takenAt: (deps.now ?? Date.now)(),
      sluiceVersion: deps.sluiceVersion,
      partitions: rows,
    },
    warnings: [],
  };
}

export interface JobReportRequest {
  cluster: string;
  jobName: string;
  /** The job's group, for committed offsets. */
  groupId: string;
  checkpoint: Checkpoint;
}

/** A job's checkpointed offsets beside its group's committed offsets, log bounds, lag and timestamps. */
export async function gatherJobReport(deps: GatherDeps, req: JobReportRequest): Promise<GatherResult> {
  const { admin } = deps;
  const { checkpoint } = req;
  const known = TopicPartitionMap.from<true>(
    [...checkpoint.partitions, ...checkpoint.offsets].map((tp): [TopicPartition, true] => [tp, true]),
  );
  const wantedTopics = [...new Set([...known.keys()].map((tp) => tp.topic))];
  const existing = new Set(await admin.listTopics());
  const topics = wantedTopics.filter((t) => existing.has(t));
  const warnings = wantedTopics
    .filter((t) => !existing.has(t))
    .map((t) => `topic "${t}" of checkpoint ${checkpoint.checkpointId} no longer exists; left out of the report`);
  const bounds = await fetchLogBounds(admin, topics);
  const committed = await fetchCommittedOffsets(admin, req.groupId, topics);
  const saved = TopicPartitionMap.from(checkpoint.offsets.map((o) => [o, o.offset] as const));
  deps.onProgress?.('offsets', known.size);
  const rows: ReportPartition[] = [];
  for (const tp of [...known.keys()].sort(compareTp)) {
    const log = bounds.get(tp);
    if (!log) {
      if (existing.has(tp.topic)) warnings.push(`partition ${tp.topic}/${tp.partition} no longer exists; left out`);
      continue;
    }
    const checkpointedOffset = saved.get(tp) ?? null;
    rows.push({
      ...tp,
      checkpointedOffset,
      committedOffset: committed.get(tp)?.offset ?? null,
      logStartOffset: log.start,
      logEndOffset: log.end,
      lag: lagFrom(checkpointedOffset, log.start, log.end),
      timestampAtOffset: null,
    });
  }
  await addTimestamps(deps, rows, (r) => r.checkpointedOffset);
  return {
    report: {
      version: REPORT_VERSION,
      kind: 'job',
      cluster: req.cluster,
      job: req.jobName,
      groupId: req.groupId,
      checkpointId: checkpoint.checkpointId,
      checkpointTakenAt: checkpoint.takenAt,
      takenAt: (deps.now ?? Date.now)(),
      sluiceVersion: deps.sluiceVersion,
      partitions: rows,
    },
    warnings,
  };
}

async function addTimestamps(
  deps: GatherDeps,
  rows: ReportPartition[],
  offsetOf: (row: ReportPartition) => number | null,
): Promise<void> {
  const targets = rows.flatMap((row) => {
    const offset = offsetOf(row);
    // Only where a record sits at the offset; at the log end there is none yet.
    return offset !== null && offset >= row.logStartOffset && offset < row.logEndOffset
      ? [{ topic: row.topic, partition: row.partition, offset }]
      : [];
  });
  deps.onProgress?.('timestamps', targets.length);
  if (deps.kafka && targets.length > 0) {
    const found = await fetchTimestampsAt(deps.kafka, targets, { timeoutMs: deps.timestampTimeoutMs ?? 15_000 });
    for (const row of rows) row.timestampAtOffset = found.get(`${row.topic}/${row.partition}`) ?? null;
  }
  deps.onProgress?.('done', rows.length);
}

async function requireTopics(admin: Admin, topics: readonly string[]): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t));
  if (missing.length > 0) {
    throw new TopicNotFoundError(`topic ${missing.map((t) => `"${t}"`).join(', ')} does not exist`, {
      details: { topics: missing },
    });
  }
}
