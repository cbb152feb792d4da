// The arithmetic of a reset, apart from Kafka: given what each partition holds and where the group
// stands, where it goes and what its lag becomes. Pure, so every case has a unit spec.
import { OffsetOutOfRangeError, TopicNotFoundError } from '../errors/index.js';
import { compareTp, describeTp, tpKey } from '../offsets/topic-partition.js';
import type { ResetPlanRow, ResetTo } from './reset-types.js';

export interface PartitionFacts {
  topic: string;
  partition: number;
  current: number | null;
  logStart: number;
  logEnd: number;
}

/** Records still to read from `offset`; an offset below the log start reads from the log start. */
export function lagFrom(offset: number, logStart: number, logEnd: number): number {
  return Math.max(0, logEnd - Math.max(offset, logStart));
}

export interface PlanRowsOptions {
  /** For `timestamp`: the offset ListOffsets found per `tpKey`, -1 where no record is that new. */
  byTimestamp?: ReadonlyMap<string, number>;
  outOfRange?: 'refuse' | 'clamp';
}

/** One row per partition in `facts`, sorted; refuses (all at once) specific offsets outside the log. */
export function planRows(facts: readonly PartitionFacts[], to: ResetTo, options: PlanRowsOptions = {}): ResetPlanRow[] {
  const specific =
    to.kind === 'specific' ? new Map(to.offsets.map((o) => [tpKey(o.topic, o.partition), o.offset])) : undefined;
  const outside: string[] = [];
  const rows = [...facts].sort(compareTp).map((f): ResetPlanRow => {
    const chosen = targetFor(f, to, specific, options);
    if (chosen.outside) outside.push(`${describeTp(f)} ${chosen.asked} (log ${f.logStart}..${f.logEnd})`);
    return {
      topic: f.topic,
      partition: f.partition,
      current: f.current,
      target: chosen.target,
      logStart: f.logStart,
      logEnd: f.logEnd,
      lagBefore: f.current === null ? null : lagFrom(f.current, f.logStart, f.logEnd),
      lagAfter: lagFrom(chosen.target, f.logStart, f.logEnd),
      ...(chosen.note ? { note: chosen.note } : {}),
    };
  });
  if (outside.length > 0 && (options.outOfRange ?? 'refuse') === 'refuse') {
    throw new OffsetOutOfRangeError(
      `offsets outside the partitions' logs: ${outside.join(', ')}; ` +
        `choose offsets from log start to log end, or clamp them to the nearest end`,
      { details: { partitions: outside } },
    );
  }
  return rows;
}

interface Chosen {
  target: number;
  note?: string;
  outside?: boolean;
  asked?: number;
}

function targetFor(
  f: PartitionFacts,
  to: ResetTo,
  specific: Map<string, number> | undefined,
  options: PlanRowsOptions,
): Chosen {
  switch (to.kind) {
    case 'earliest':
      return { target: f.logStart };
    case 'latest':
      return { target: f.logEnd };
    case 'timestamp': {
      const found = options.byTimestamp?.get(tpKey(f.topic, f.partition)) ?? -1;
      if (found < 0 || found >= f.logEnd) return { target: f.logEnd, note: 'no record at or after the time: log end' };
      if (found < f.logStart) return { target: f.logStart, note: 'clamped to log start' };
      return { target: found };
    }
    case 'specific': {
      const asked = specific?.get(tpKey(f.topic, f.partition));
      if (asked === undefined) throw new Error(`no specific offset for ${describeTp(f)}`);
      if (asked < f.logStart) return { target: f.logStart, note: 'clamped to log start', outside: true, asked };
      if (asked > f.logEnd) return { target: f.logEnd, note: 'clamped to log end', outside: true, asked };
      return { target: asked };
    }
  }
}

/**
 * Topics and partitions asked for that the cluster does not have, as `topic` or `topic[p]`; `known`
 * maps each existing topic to its partitions. A partition of an unknown topic names only the topic.
 */
export function unknownPartitions(
  wanted: readonly { topic: string; partition?: number }[],
  known: ReadonlyMap<string, readonly number[]>,
): string[] {
  const unknown = new Set<string>();
  for (const w of wanted) {
    const partitions = known.get(w.topic);
    if (!partitions) unknown.add(`topic "${w.topic}"`);
    else if (w.partition !== undefined && !partitions.includes(w.partition))
      unknown.add(`partition ${describeTp({ topic: w.topic, partition: w.partition })}`);
  }
  return [...unknown];
}

export function unknownPartitionsError(groupId: string, unknown: readonly string[]): TopicNotFoundError {
  return new TopicNotFoundError(`cannot reset group "${groupId}": the cluster has no ${unknown.join(', ')}`, {
    details: { unknown: [...unknown] },
  });
}

/**
 * What differs between a preview's rows and a fresh plan, by partition: partitions added or gone and
 * committed offsets that moved. Empty when the preview still holds. Targets of `latest` or a
 * timestamp may move with new records without making the preview stale.
 */
export function previewDrift(
  preview: readonly { topic: string; partition: number; current: number | null }[],
  fresh: readonly ResetPlanRow[],
): string[] {
  const before = new Map(preview.map((r) => [tpKey(r.topic, r.partition), r]));
  const drift: string[] = [];
  for (const row of fresh) {
    const was = before.get(tpKey(row.topic, row.partition));
    if (!was) drift.push(`${describeTp(row)} is new`);
    else if (was.current !== row.current)
      drift.push(`${describeTp(row)} committed offset moved from ${was.current ?? 'none'} to ${row.current ?? 'none'}`);
    before.delete(tpKey(row.topic, row.partition));
  }
  for (const gone of before.values()) drift.push(`${describeTp(gone)} is no longer part of the reset`);
  return drift;
}
