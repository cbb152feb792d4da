// Specific offsets as rows, and rows filled from the source topics' partitions.

export interface OffsetRow {
  topic: unknown;
  partition: unknown;
  offset: unknown;
}

export interface PartitionBounds {
  topic: string;
  partition: number;
  logStartOffset: number;
  logEndOffset: number;
}

/** Rows for every partition of `bounds` not listed yet, at its log start (the stop list: its end). */
export function fillRows(
  rows: readonly OffsetRow[],
  bounds: readonly PartitionBounds[],
  at: 'start' | 'end',
): OffsetRow[] {
  const listed = new Set(rows.map((r) => `${String(r.topic)}/${String(r.partition)}`));
  const added = bounds
    .filter((b) => !listed.has(`${b.topic}/${b.partition}`))
    .map((b) => ({
      topic: b.topic,
      partition: b.partition,
      offset: at === 'start' ? b.logStartOffset : b.logEndOffset,
    }));
  return [...rows, ...added];
}

/** "log 0–120" beside a row, when its partition's bounds are known. */
export function boundsHint(row: OffsetRow, bounds: readonly PartitionBounds[]): string | undefined {
  const b = bounds.find((x) => x.topic === row.topic && x.partition === row.partition);
  return b ? `log ${b.logStartOffset}–${b.logEndOffset}` : undefined;
}
