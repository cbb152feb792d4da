import type { BrowseFrom, ScanEnd } from './browse-args';
import { planBrowse, type PartitionBounds, type PartitionRange } from './browse-plan';

export interface ScanPlan {
  ranges: PartitionRange[];
  /** Records the ranges hold: what the scan reads when nothing times out. */
  planned: number;
  /** `scan-limit` when the budget cut a range short of what the start position offers. */
  end: Exclude<ScanEnd, 'timeout'>;
}

/**
 * Which offsets a filtered browse reads: from the start position onward (for `latest`, the newest
 * ones), at most `scanLimit` records in all. The budget is shared fairly: each partition gets an
 * equal part, and what a short partition leaves over goes to the others.
 */
export function planScan(
  bounds: readonly PartitionBounds[],
  from: BrowseFrom,
  scanLimit: number,
  timestampOffsets: ReadonlyMap<number, number> = new Map(),
): ScanPlan {
  const whole = planBrowse(bounds, from, Number.MAX_SAFE_INTEGER, timestampOffsets);
  const shares = fairShares(
    whole.map((r) => r.end - r.start),
    scanLimit,
  );
  const ranges = whole.map((r, i) => {
    const share = shares[i]!;
    // Newest: keep the end and read back; every other start reads forward.
    return from.mode === 'latest' ? { ...r, start: r.end - share } : { ...r, end: r.start + share };
  });
  const planned = shares.reduce((sum, s) => sum + s, 0);
  const available = whole.reduce((sum, r) => sum + r.end - r.start, 0);
  return { ranges: ranges.filter((r) => r.end > r.start), planned, end: planned < available ? 'scan-limit' : 'end' };
}

/**
 * Splits `budget` over sizes: the smallest get all they hold, the rest share what is left equally
 * (the last in size order takes the rounding remainder).
 */
export function fairShares(sizes: readonly number[], budget: number): number[] {
  const shares = sizes.map(() => 0);
  const order = sizes.map((_, i) => i).sort((a, b) => sizes[a]! - sizes[b]!);
  let left = budget;
  order.forEach((index, k) => {
    const fair = Math.floor(left / (order.length - k));
    const share = Math.min(sizes[index]!, fair);
    shares[index] = share;
    left -= share;
  });
  return shares;
}
