import { CheckpointStore } from '../checkpoints/index.js';
import { ConfigError } from '../errors/index.js';
import { compareTp, TopicPartitionMap, type TopicPartitionOffset } from '../offsets/topic-partition.js';
import type { ParsedReport } from './parse-report.js';

export interface RestoreJobRequest {
  stateDir: string;
  jobName: string;
  parsed: ParsedReport;
  now?: () => number;
}

export interface RestoreJobResult {
  checkpointId: number;
  path: string;
  offsets: TopicPartitionOffset[];
}

/**
 * Makes a report's offsets the start of the job's next run: they become a new checkpoint of the
 * job (the newest, so the run resumes from it) and the operator's restore point, as
 * `sluice restore` sets one. Partitions the job knew but the report does not name keep the job's
 * latest checkpointed offsets; the sink state (a file sink's size) is the latest checkpoint's.
 * A bounded job resolves its stop offsets again. A JSON report of another job is refused.
 */
export async function restoreJobFromReport(req: RestoreJobRequest): Promise<RestoreJobResult> {
  const { parsed, jobName } = req;
  if (parsed.report?.kind === 'job' && parsed.report.job !== jobName) {
    throw new ConfigError(
      `the report is of job "${parsed.report.job}", not "${jobName}"; restore it into that job, ` +
        'or export its offsets CSV to apply the offsets anyway',
      { details: { reportJob: parsed.report.job, jobName } },
    );
  }
  const store = new CheckpointStore({ stateDir: req.stateDir, jobName, retain: Number.MAX_SAFE_INTEGER });
  const latest = await store.latest();
  const offsets = TopicPartitionMap.from((latest?.offsets ?? []).map((o) => [o, o.offset] as const));
  for (const o of parsed.offsets) offsets.set(o, o.offset);
  const partitions = TopicPartitionMap.from((latest?.partitions ?? []).map((tp) => [tp, true] as const));
  for (const o of parsed.offsets) partitions.set(o, true);
  const checkpointId = await store.nextId();
  const written = await store.write({
    jobName,
    checkpointId,
    takenAt: (req.now ?? Date.now)(),
    offsets: offsets.toOffsets(),
    partitions: [...partitions.keys()].sort(compareTp),
    sink: latest?.sink ?? null,
  });
  await store.setRestorePoint(checkpointId);
  return { checkpointId, path: written.path, offsets: offsets.toOffsets() };
}
