import type { JobMetrics } from '../metrics/job-metrics.js';
import type { FallbackReason } from './copy-path.js';

/** Every fallback reason, in the order the CLI and the console list them. */
export const FALLBACK_REASONS = [
  'partial-batch',
  'old-format',
  'compacted',
  'log-append-time',
] as const satisfies readonly FallbackReason[];

export interface BatchCounts {
  forwarded: number;
  /** Batches of a shallow run decoded record by record instead, in all. */
  decoded: number;
  /** The reasons with a count above zero, in FALLBACK_REASONS order. */
  byReason: { reason: FallbackReason; count: number }[];
}

/** A run's batch counts from its metrics; undefined when it forwarded and decoded none (the record path). */
export function batchCounts(metrics: Pick<JobMetrics, 'batchesForwarded' | 'batchesDecoded'>): BatchCounts | undefined {
  const byReason = FALLBACK_REASONS.flatMap((reason) => {
    const count = metrics.batchesDecoded?.[reason] ?? 0;
    return count > 0 ? [{ reason, count }] : [];
  });
  const forwarded = metrics.batchesForwarded ?? 0;
  const decoded = byReason.reduce((sum, r) => sum + r.count, 0);
  return forwarded === 0 && decoded === 0 ? undefined : { forwarded, decoded, byReason };
}
