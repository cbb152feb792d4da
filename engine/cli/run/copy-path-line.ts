import { batchCounts } from '../../job/copy-path-counts.js';
import type { CopyPath } from '../../job/copy-path.js';
import type { JobMetrics } from '../../metrics/job-metrics.js';
import { formatCount } from '../format.js';

/**
 * The line `sluice run` prints when a run starts (the `started` event's copyPath):
 * `copy path: shallow (record batches forwarded as bytes)` or
 * `copy path: record by record: sink.partitioner: "murmur2" picks ...; sink.writeTimestamp: ...`.
 */
export function copyPathLine(path: CopyPath): string {
  if (path.kind === 'shallow') return 'copy path: shallow (record batches forwarded as bytes)';
  const blockers = path.blockers.map((b) => `${b.field}: ${b.reason}`).join('; ');
  return `copy path: record by record${blockers === '' ? '' : `: ${blockers}`}`;
}

/**
 * A shallow run's batches for the progress and summary lines:
 * `1,200 batches forwarded, 3 decoded (partial-batch 2, compacted 1)`; undefined on the record path.
 */
export function batchesPart(metrics: Pick<JobMetrics, 'batchesForwarded' | 'batchesDecoded'>): string | undefined {
  const counts = batchCounts(metrics);
  if (!counts) return undefined;
  const forwarded = `${formatCount(counts.forwarded)} batch${counts.forwarded === 1 ? '' : 'es'} forwarded`;
  if (counts.decoded === 0) return forwarded;
  const reasons = counts.byReason.map((r) => `${r.reason} ${formatCount(r.count)}`).join(', ');
  return `${forwarded}, ${formatCount(counts.decoded)} decoded (${reasons})`;
}
