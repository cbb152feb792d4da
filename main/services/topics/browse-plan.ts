import type { BrowseFrom } from '../../ipc/contract';

export interface PartitionBounds {
  partition: number;
  logStartOffset: number;
  logEndOffset: number;
}

/** Where reading one partition starts and (exclusive) ends; the end is the log end when planned. */
export interface PartitionRange {
  partition: number;
  start: number;
  end: number;
}

/**
 * Which offsets a browse reads, one range per partition that has something to show. Bounded: at
 * most `limit` records per partition, and never past the log end seen when planning, so a busy
 * topic cannot keep a browse running.
 */
export function planBrowse(
  bounds: readonly PartitionBounds[],
  from: BrowseFrom,
  limit: number,
  /** For `timestamp`: the first offset at or after it, per partition (the log end when none is). */
  timestampOffsets: ReadonlyMap<number, number> = new Map(),
): PartitionRange[] {
  const ranges: PartitionRange[] = [];
  for (const b of bounds) {
    let start: number;
    switch (from.mode) {
      case 'earliest':
        start = b.logStartOffset;
        break;
      case 'latest':
        start = b.logEndOffset - limit;
        break;
      case 'timestamp':
        start = timestampOffsets.get(b.partition) ?? b.logEndOffset;
        break;
      case 'offset':
        start = from.offset;
        break;
    }
    start = Math.max(start, b.logStartOffset);
    const end = Math.min(b.logEndOffset, start + limit);
    if (start < end) ranges.push({ partition: b.partition, start, end });
  }
  return ranges;
}
