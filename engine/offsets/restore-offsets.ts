import { parseCommitTag } from './commit-metadata.js';
import { inBounds, type CommittedOffset, type LogBounds } from './log-bounds.js';
import type { StartResolution, StartOffset } from './start-position.js';
import { describeTp, TopicPartitionMap, type TopicPartition, type TopicPartitionOffset } from './topic-partition.js';

const boundsOf = (bounds: TopicPartitionMap<LogBounds>, tp: TopicPartition): LogBounds => {
  const found = bounds.get(tp);
  if (!found) throw new Error(`no log bounds fetched for ${describeTp(tp)}`);
  return found;
};

/**
 * Positions from a checkpoint. A partition the checkpoint does not know was found after it was
 * taken and starts at its earliest offset, as a discovered partition does. A checkpointed offset
 * outside the log (retention deleted the records, or the topic was recreated) restarts at the
 * earliest offset, with a warning: the records in between are gone either way.
 */
export function restoreFromCheckpoint(
  partitions: readonly TopicPartition[],
  bounds: TopicPartitionMap<LogBounds>,
  checkpointOffsets: readonly TopicPartitionOffset[],
): StartResolution {
  const saved = TopicPartitionMap.from(checkpointOffsets.map((o) => [o, o.offset] as const));
  const offsets = new TopicPartitionMap<StartOffset>();
  const warnings: string[] = [];
  for (const tp of partitions) {
    const log = boundsOf(bounds, tp);
    const offset = saved.get(tp);
    if (offset === undefined) {
      offsets.set(tp, { offset: log.start, reason: 'discovered' });
    } else if (!inBounds(offset, log)) {
      warnings.push(
        `checkpointed offset ${offset} of ${describeTp(tp)} is outside the log [${log.start}, ${log.end}]; ` +
          `restarting at the earliest offset ${log.start}`,
      );
      offsets.set(tp, { offset: log.start, reason: 'earliest' });
    } else {
      offsets.set(tp, { offset, reason: 'checkpoint' });
    }
  }
  return { offsets, warnings };
}

/**
 * Exactly-once crash safety. A checkpoint is two writes: the Kafka transaction (output records plus
 * the consumed offsets, committed atomically to the group with a tag naming the checkpoint id) and
 * then the checkpoint file. A crash between them leaves the group one checkpoint ahead of the
 * newest file, and the output already holds the records in between. So when a job resumes on its
 * own (not from a checkpoint the operator picked), the group's offsets that this job tagged with a
 * newer checkpoint id than the one restored win: they are exactly what the committed output covers.
 * Older or foreign group offsets are ignored; the checkpoint stays the truth for them.
 */
export function overlayTransactionalOffsets(
  resolution: StartResolution,
  committed: TopicPartitionMap<CommittedOffset>,
  options: { jobName: string; newerThan: number | undefined; bounds: TopicPartitionMap<LogBounds> },
): { resolution: StartResolution; fromCheckpointId: number | undefined } {
  const offsets = TopicPartitionMap.from(resolution.offsets.entries());
  const warnings = [...resolution.warnings];
  let fromCheckpointId: number | undefined;
  for (const [tp] of resolution.offsets) {
    const entry = committed.get(tp);
    const tag = parseCommitTag(entry?.metadata);
    if (!entry || !tag || tag.job !== options.jobName) continue;
    if (options.newerThan !== undefined && tag.checkpointId <= options.newerThan) continue;
    const log = boundsOf(options.bounds, tp);
    if (!inBounds(entry.offset, log)) {
      warnings.push(
        `transactional offset ${entry.offset} of ${describeTp(tp)} is outside the log [${log.start}, ${log.end}]; ignored`,
      );
      continue;
    }
    offsets.set(tp, { offset: entry.offset, reason: 'transaction' });
    fromCheckpointId = Math.max(fromCheckpointId ?? 0, tag.checkpointId);
  }
  return { resolution: { offsets, warnings }, fromCheckpointId };
}
