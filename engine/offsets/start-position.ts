import type { OffsetReset, StartFrom } from '../spec/index.js';
import { OffsetOutOfRangeError } from '../errors/index.js';
import { inBounds, type CommittedOffset, type LogBounds } from './log-bounds.js';
import { describeTp, TopicPartitionMap, type TopicPartition } from './topic-partition.js';

/** Why a partition starts where it does; shown to the operator beside the offset. */
export type StartReason =
  | 'earliest'
  | 'latest'
  | 'timestamp'
  | 'committed'
  | 'specific'
  | 'fallback-earliest'
  | 'fallback-latest'
  | 'checkpoint'
  | 'transaction'
  | 'discovered';

export interface StartOffset {
  offset: number;
  reason: StartReason;
}

/** What the resolvers need, fetched by the caller with the admin client (see fetch-offsets.ts). */
export interface StartFacts {
  partitions: readonly TopicPartition[];
  bounds: TopicPartitionMap<LogBounds>;
  /** The group's committed offsets; only partitions that have one. */
  committed: TopicPartitionMap<CommittedOffset>;
  /** For `timestamp`: the first offset whose record timestamp is >= the time; absent where none is. */
  timestampOffsets: TopicPartitionMap<number>;
}

export interface StartResolution {
  offsets: TopicPartitionMap<StartOffset>;
  warnings: string[];
}

interface Context {
  groupId: string;
}

/** Which facts a start mode needs beyond the log bounds, so the caller fetches no more than that. */
export function startFactsNeeded(startFrom: StartFrom): { committed: boolean; timestamp?: number } {
  switch (startFrom.mode) {
    case 'group-offsets':
    case 'specific-offsets':
      return { committed: true };
    case 'timestamp':
      return { committed: false, timestamp: startFrom.timestamp };
    default:
      return { committed: false };
  }
}

type Resolver<M extends StartFrom['mode']> = (
  startFrom: Extract<StartFrom, { mode: M }>,
  facts: StartFacts,
  context: Context,
) => StartResolution;

const boundsOf = (facts: StartFacts, tp: TopicPartition): LogBounds => {
  const bounds = facts.bounds.get(tp);
  // The caller fetches bounds for exactly these partitions; a gap is a bug, not an operator error.
  if (!bounds) throw new Error(`no log bounds fetched for ${describeTp(tp)}`);
  return bounds;
};

const each = (facts: StartFacts, pick: (tp: TopicPartition, bounds: LogBounds) => StartOffset): StartResolution => {
  const offsets = new TopicPartitionMap<StartOffset>();
  for (const tp of facts.partitions) offsets.set(tp, pick(tp, boundsOf(facts, tp)));
  return { offsets, warnings: [] };
};

type Unresolved = { tp: TopicPartition; why: 'no committed offset' | 'out of range' };

/**
 * Applies the fallback strategy to partitions whose preferred position is missing or out of range.
 * `none` fails once, naming every such partition, so the operator fixes them all in one go.
 */
function applyFallback(
  fallback: OffsetReset,
  unresolved: Unresolved[],
  facts: StartFacts,
  offsets: TopicPartitionMap<StartOffset>,
  context: Context & { mode: string },
): void {
  if (unresolved.length === 0) return;
  if (fallback === 'none') {
    const list = unresolved.map((u) => `${describeTp(u.tp)} (${u.why})`).join(', ');
    throw new OffsetOutOfRangeError(
      `start mode "${context.mode}" with fallback "none" cannot place ${list} for group "${context.groupId}"; ` +
        'set source.startFrom.fallback to "earliest" or "latest", or commit offsets for these partitions',
      { details: { groupId: context.groupId, partitions: unresolved.map((u) => ({ ...u.tp, reason: u.why })) } },
    );
  }
  for (const { tp } of unresolved) {
    const bounds = boundsOf(facts, tp);
    offsets.set(
      tp,
      fallback === 'earliest'
        ? { offset: bounds.start, reason: 'fallback-earliest' }
        : { offset: bounds.end, reason: 'fallback-latest' },
    );
  }
}

const committedOrUnresolved = (
  tp: TopicPartition,
  facts: StartFacts,
  offsets: TopicPartitionMap<StartOffset>,
  unresolved: Unresolved[],
): void => {
  const committed = facts.committed.get(tp);
  if (committed === undefined) unresolved.push({ tp, why: 'no committed offset' });
  else if (!inBounds(committed.offset, boundsOf(facts, tp))) unresolved.push({ tp, why: 'out of range' });
  else offsets.set(tp, { offset: committed.offset, reason: 'committed' });
};

const resolvers: { [M in StartFrom['mode']]: Resolver<M> } = {
  earliest: (_, facts) => each(facts, (_tp, bounds) => ({ offset: bounds.start, reason: 'earliest' })),

  latest: (_, facts) => each(facts, (_tp, bounds) => ({ offset: bounds.end, reason: 'latest' })),

  // Where no record is at or after the time yet, the end offset: the job then reads what arrives.
  timestamp: (_, facts) =>
    each(facts, (tp, bounds) => {
      const found = facts.timestampOffsets.get(tp);
      return found === undefined ? { offset: bounds.end, reason: 'latest' } : { offset: found, reason: 'timestamp' };
    }),

  'group-offsets': (startFrom, facts, context) => {
    const offsets = new TopicPartitionMap<StartOffset>();
    const unresolved: Unresolved[] = [];
    for (const tp of facts.partitions) committedOrUnresolved(tp, facts, offsets, unresolved);
    applyFallback(startFrom.fallback, unresolved, facts, offsets, { ...context, mode: startFrom.mode });
    return { offsets: ordered(facts, offsets), warnings: [] };
  },

  'specific-offsets': (startFrom, facts, context) => {
    const listed = TopicPartitionMap.from(startFrom.offsets.map((o) => [o, o.offset] as const));
    const offsets = new TopicPartitionMap<StartOffset>();
    const unresolved: Unresolved[] = [];
    for (const tp of facts.partitions) {
      const offset = listed.get(tp);
      if (offset === undefined) committedOrUnresolved(tp, facts, offsets, unresolved);
      else if (!inBounds(offset, boundsOf(facts, tp))) unresolved.push({ tp, why: 'out of range' });
      else offsets.set(tp, { offset, reason: 'specific' });
    }
    applyFallback(startFrom.fallback, unresolved, facts, offsets, { ...context, mode: startFrom.mode });
    const known = TopicPartitionMap.from(facts.partitions.map((tp) => [tp, true] as const));
    const stray = [...listed.keys()].filter((tp) => !known.has(tp));
    const warnings =
      stray.length === 0
        ? []
        : [`startFrom.offsets names partitions the job does not read: ${stray.map(describeTp).join(', ')}`];
    return { offsets: ordered(facts, offsets), warnings };
  },
};

/** Keeps the partitions' order as given, whatever order the fallback filled them in. */
function ordered(facts: StartFacts, offsets: TopicPartitionMap<StartOffset>): TopicPartitionMap<StartOffset> {
  return TopicPartitionMap.from(facts.partitions.map((tp) => [tp, offsets.get(tp)!] as const));
}

export function resolveStartOffsets(startFrom: StartFrom, facts: StartFacts, context: Context): StartResolution {
  const resolve = resolvers[startFrom.mode] as Resolver<StartFrom['mode']>;
  return resolve(startFrom, facts, context);
}
