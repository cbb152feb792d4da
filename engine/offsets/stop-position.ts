import type { StopAt } from '../spec/index.js';
import type { LogBounds } from './log-bounds.js';
import {
  compareTp,
  describeTp,
  TopicPartitionMap,
  type TopicPartition,
  type TopicPartitionOffset,
} from './topic-partition.js';

/**
 * Where a bounded job stops reading a partition. `at`: the first offset NOT read (exclusive).
 * `not-read`: a partition that `stopAt.specific-offsets` leaves out, which the job does not read at
 * all (as Flink does, where an unlisted partition's stop falls back to where it starts).
 */
export type StopPosition = { kind: 'at'; offset: number } | { kind: 'not-read' };

export interface StopFacts {
  partitions: readonly TopicPartition[];
  bounds: TopicPartitionMap<LogBounds>;
  /** For `timestamp`: the first offset whose record timestamp is >= the time; absent where none is. */
  timestampOffsets: TopicPartitionMap<number>;
}

export interface StopResolution {
  stops: TopicPartitionMap<StopPosition>;
  warnings: string[];
}

type Resolver<M extends StopAt['mode']> = (stopAt: Extract<StopAt, { mode: M }>, facts: StopFacts) => StopResolution;

const endOf = (facts: StopFacts, tp: TopicPartition): number => {
  const bounds = facts.bounds.get(tp);
  if (!bounds) throw new Error(`no log bounds fetched for ${describeTp(tp)}`);
  return bounds.end;
};

const each = (facts: StopFacts, pick: (tp: TopicPartition) => StopPosition): StopResolution => ({
  stops: TopicPartitionMap.from(facts.partitions.map((tp) => [tp, pick(tp)] as const)),
  warnings: [],
});

const resolvers: { [M in StopAt['mode']]: Resolver<M> } = {
  latest: (_, facts) => each(facts, (tp) => ({ kind: 'at', offset: endOf(facts, tp) })),

  // Records before the time are read; the first one at or after it is not. Where no record is at or
  // after the time yet, the job stops at the end offset of the job's start, so it still finishes.
  timestamp: (_, facts) =>
    each(facts, (tp) => ({ kind: 'at', offset: facts.timestampOffsets.get(tp) ?? endOf(facts, tp) })),

  'specific-offsets': (stopAt, facts) => {
    const listed = TopicPartitionMap.from(stopAt.offsets.map((o) => [o, o.offset] as const));
    const result = each(facts, (tp) => {
      const offset = listed.get(tp);
      return offset === undefined ? { kind: 'not-read' } : { kind: 'at', offset };
    });
    const unlisted = facts.partitions.filter((tp) => !listed.has(tp));
    if (unlisted.length > 0) {
      result.warnings.push(`stopAt.offsets leaves out ${unlisted.map(describeTp).join(', ')}: these are not read`);
    }
    const known = TopicPartitionMap.from(facts.partitions.map((tp) => [tp, true] as const));
    const stray = [...listed.keys()].filter((tp) => !known.has(tp));
    if (stray.length > 0) {
      result.warnings.push(
        `stopAt.offsets names partitions the job does not read: ${stray.map(describeTp).join(', ')}`,
      );
    }
    return result;
  },
};

export function resolveStopPositions(stopAt: StopAt, facts: StopFacts): StopResolution {
  const resolve = resolvers[stopAt.mode] as Resolver<StopAt['mode']>;
  return resolve(stopAt, facts);
}

/**
 * Stops as a checkpoint stores them: the `at` offsets, sorted. A partition left out is not read
 * (the checkpoint's partition list still names it).
 */
export function stopOffsets(
  stops: Iterable<readonly [TopicPartition, StopPosition | undefined]>,
): TopicPartitionOffset[] {
  const out: TopicPartitionOffset[] = [];
  for (const [tp, stop] of stops)
    if (stop?.kind === 'at') out.push({ topic: tp.topic, partition: tp.partition, offset: stop.offset });
  return out.sort(compareTp);
}

/** The stops a checkpoint stored, back as positions: its partitions without a stop are not read. */
export function stopsFromCheckpoint(
  partitions: readonly TopicPartition[],
  stops: readonly TopicPartitionOffset[],
): TopicPartitionMap<StopPosition> {
  const out = TopicPartitionMap.from<StopPosition>(partitions.map((tp) => [tp, { kind: 'not-read' }]));
  for (const s of stops) out.set(s, { kind: 'at', offset: s.offset });
  return out;
}

/**
 * Stops fixed when a bounded run started (kept in a checkpoint or in memory) for the partitions
 * found now. A bounded run reads only the partitions it started with, as it never discovers new
 * ones; a partition created since is left unread, with a warning, so the run still ends where it
 * would have.
 */
export function pinnedStops(
  partitions: readonly TopicPartition[],
  pinned: TopicPartitionMap<StopPosition>,
): StopResolution {
  const stops = new TopicPartitionMap<StopPosition>();
  const unknown: TopicPartition[] = [];
  for (const tp of partitions) {
    const stop = pinned.get(tp);
    if (!stop) unknown.push(tp);
    stops.set(tp, stop ?? { kind: 'not-read' });
  }
  const warnings =
    unknown.length === 0
      ? []
      : [
          `not reading ${unknown.map(describeTp).join(', ')}: created after this bounded run started, ` +
            'so outside the stop offsets it fixed then',
        ];
  return { stops, warnings };
}

/** True when every partition is at or past its stop at these offsets: the bounded run was complete. */
export function allStopsReached(
  stops: TopicPartitionMap<StopPosition>,
  offsets: readonly TopicPartitionOffset[],
): boolean {
  const at = TopicPartitionMap.from(offsets.map((o) => [o, o.offset] as const));
  for (const [tp, stop] of stops) if (!reachedStop(at.get(tp) ?? 0, stop)) return false;
  return true;
}

/** A partition is done when there is nothing left to read before its stop. */
export function reachedStop(next: number, stop: StopPosition | undefined): boolean {
  if (stop === undefined) return false;
  return stop.kind === 'not-read' || next >= stop.offset;
}
