import type { StopAt } from '../spec/index.js';
import type { LogBounds } from './log-bounds.js';
import { describeTp, TopicPartitionMap, type TopicPartition } from './topic-partition.js';

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

/** A partition is done when there is nothing left to read before its stop. */
export function reachedStop(next: number, stop: StopPosition | undefined): boolean {
  if (stop === undefined) return false;
  return stop.kind === 'not-read' || next >= stop.offset;
}
