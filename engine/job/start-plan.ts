import type { Admin } from 'kafkajs';
import type { Checkpoint } from '../checkpoints/index.js';
import {
  allStopsReached,
  describeTp,
  fetchCarriedOffsets,
  fetchCommittedOffsets,
  fetchLogBounds,
  fetchTimestampOffsets,
  overlayTransactionalOffsets,
  pinnedStops,
  resolveStartOffsets,
  resolveStopPositions,
  restoreFromCheckpoint,
  startFactsNeeded,
  stopsFromCheckpoint,
  TopicPartitionMap,
  type CommittedOffset,
  type LogBounds,
  type StartOffset,
  type StartResolution,
  type StopPosition,
  type TopicPartition,
} from '../offsets/index.js';
import type { JobSpec } from '../spec/index.js';

/**
 * What a job keeps across the runs of one process: positions resolved once. A run restarted before
 * any checkpoint must start where the first one did (`latest` resolved again would skip records),
 * and a bounded job's stops must not move with each restart. Across processes, checkpoints carry
 * the stops.
 */
export interface JobMemory {
  start?: TopicPartitionMap<StartOffset>;
  stops?: TopicPartitionMap<StopPosition>;
}

export interface StartPlan {
  positions: TopicPartitionMap<StartOffset>;
  /** Bounded jobs only. */
  stops: TopicPartitionMap<StopPosition> | undefined;
  bounds: TopicPartitionMap<LogBounds>;
  committed: TopicPartitionMap<CommittedOffset>;
  transactionalFrom: number | undefined;
  warnings: string[];
}

export interface PlanInput {
  /** The source cluster's admin client. */
  admin: Admin;
  /**
   * Exactly-once only: where the transactions committed the consumed offsets. The source's group
   * on the same cluster, or commit metadata on the sink's cluster for a copy between clusters.
   */
  transactional: { in: 'source-group' } | { in: 'sink-metadata'; sinkAdmin: Admin; sinkTopic: string } | undefined;
  spec: JobSpec;
  topics: readonly string[];
  partitions: readonly TopicPartition[];
  /** The checkpoint to resume from, if any. */
  checkpoint: Checkpoint | undefined;
  /** The operator picked the checkpoint (restoreFrom, `sluice restore`): take it as it is. */
  explicit: boolean;
  memory: JobMemory;
}

/** Start positions apply only without a checkpoint; see offsets/ for each rule. */
export async function buildStartPlan(input: PlanInput): Promise<StartPlan> {
  const { admin, spec, topics, partitions, checkpoint, memory } = input;
  const bounds = await fetchLogBounds(admin, topics);
  const committed = await fetchCommittedOffsets(admin, spec.source.groupId, topics);

  let resolution: StartResolution;
  if (checkpoint) {
    resolution = restoreFromCheckpoint(partitions, bounds, checkpoint.offsets);
  } else if (memory.start) {
    resolution = fromMemory(memory.start, partitions, bounds);
  } else {
    const needed = startFactsNeeded(spec.source.startFrom);
    const timestampOffsets =
      needed.timestamp === undefined
        ? new TopicPartitionMap<number>()
        : await fetchTimestampOffsets(admin, topics, needed.timestamp, bounds);
    resolution = resolveStartOffsets(
      spec.source.startFrom,
      { partitions, bounds, committed, timestampOffsets },
      { groupId: spec.source.groupId },
    );
    memory.start = resolution.offsets;
  }

  let transactionalFrom: number | undefined;
  const where = input.transactional;
  if (where && !input.explicit) {
    const transactional =
      where.in === 'source-group'
        ? committed
        : await fetchCarriedOffsets(where.sinkAdmin, spec.source.groupId, where.sinkTopic);
    const overlaid = overlayTransactionalOffsets(resolution, transactional, {
      jobName: spec.name,
      newerThan: checkpoint?.checkpointId,
      bounds,
    });
    resolution = overlaid.resolution;
    transactionalFrom = overlaid.fromCheckpointId;
  }

  let stops: TopicPartitionMap<StopPosition> | undefined;
  const warnings = [...resolution.warnings];
  const stopAt = spec.source.stopAt;
  if (stopAt) {
    // A bounded run's stops are fixed when it starts and kept until it finishes: a checkpoint of a
    // run that had not finished carries them (even into a new process), else this process's first
    // run resolved them; `latest` or `timestamp` resolved again would let the resumed run read
    // records that arrived after it started. A checkpoint whose run had reached every stop ends
    // that run: starting the job again is a new run, from those offsets to stops resolved now.
    const stored = checkpoint?.stops ? stopsFromCheckpoint(checkpoint.partitions, checkpoint.stops) : undefined;
    if (checkpoint && stored && !allStopsReached(stored, checkpoint.offsets)) {
      memory.stops = stored;
    } else if (!memory.stops) {
      if (checkpoint && !checkpoint.stops && stopAt.mode !== 'specific-offsets') {
        warnings.push(
          `checkpoint ${checkpoint.checkpointId} holds no stop offsets (written by an older Sluice), so stopAt ` +
            `"${stopAt.mode}" is resolved again: if its run had not finished, this one may read further than it would have`,
        );
      }
      const timestampOffsets =
        stopAt.mode === 'timestamp'
          ? await fetchTimestampOffsets(admin, topics, stopAt.timestamp, bounds)
          : new TopicPartitionMap<number>();
      const stopResolution = resolveStopPositions(stopAt, { partitions, bounds, timestampOffsets });
      warnings.push(...stopResolution.warnings);
      memory.stops = stopResolution.stops;
    }
    const pinned = pinnedStops(partitions, memory.stops);
    warnings.push(...pinned.warnings);
    for (const [tp, stop] of pinned.stops) {
      const end = bounds.get(tp)?.end;
      // End offsets only grow, unless the topic was deleted and created again since.
      if (stop.kind === 'at' && end !== undefined && stop.offset > end) {
        warnings.push(
          `the stop offset ${stop.offset} of ${describeTp(tp)} is past its log end ${end} (was the topic recreated?); ` +
            'the job finishes only once the partition reaches it',
        );
      }
    }
    stops = pinned.stops;
  }
  return { positions: resolution.offsets, stops, bounds, committed, transactionalFrom, warnings };
}

/** The first run's start positions; partitions it did not know start at their earliest offset. */
function fromMemory(
  start: TopicPartitionMap<StartOffset>,
  partitions: readonly TopicPartition[],
  bounds: TopicPartitionMap<LogBounds>,
): StartResolution {
  const offsets = new TopicPartitionMap<StartOffset>();
  for (const tp of partitions) {
    const known = start.get(tp);
    const log = bounds.get(tp);
    if (known) offsets.set(tp, known);
    else if (log) offsets.set(tp, { offset: log.start, reason: 'discovered' });
    else throw new Error(`no log bounds fetched for ${tp.topic}[${tp.partition}]`);
  }
  return { offsets, warnings: [] };
}
