import type { LogBounds } from '../offsets/log-bounds.js';
import type { StartOffset } from '../offsets/start-position.js';
import type { TopicPartition } from '../offsets/topic-partition.js';
import type { HintObservation } from './observation.js';

export interface ResetFacts {
  tp: TopicPartition;
  /** The position the job wanted (a committed or checkpointed offset). */
  wanted: number;
  bounds: LogBounds | undefined;
  /** Where the partition actually starts, and why. */
  start: StartOffset;
}

/**
 * A wanted position outside the log that the job replaced by its fallback: the offset-out-of-range
 * hint, saying where the reset went and how many records were skipped or will be read again.
 */
export function offsetResetObservation(facts: ResetFacts, at = Date.now()): HintObservation | undefined {
  const { tp, wanted, bounds, start } = facts;
  if (!bounds || (wanted >= bounds.start && wanted <= bounds.end) || start.offset === wanted) return undefined;
  const where = `${tp.topic}/${tp.partition}`;
  const why =
    wanted < bounds.start
      ? `is below the log start ${bounds.start} (retention or deleteRecords removed offsets ${wanted}..${bounds.start - 1})`
      : `is past the log end ${bounds.end} (was the topic recreated?)`;
  const moved =
    start.offset > wanted ? `${start.offset - wanted} offsets skipped` : `${wanted - start.offset} offsets read again`;
  return {
    hintId: 'offset-out-of-range',
    at,
    origin: 'state',
    message: `offset ${wanted} of ${where} ${why}; reset to ${start.offset} (${start.reason}), ${moved}`,
    topic: tp.topic,
    partition: tp.partition,
  };
}
