import { copyPathOf, describeCopyPath } from '../../engine/job/copy-path.js';
import type { JobMetrics } from '../../engine/metrics/job-metrics.js';
import { describeProblems, parseJobSpec, type JobSpecInput } from '../../engine/spec/index.js';

// Job specs that take the shallow copy path (engine/job/copy-path.ts), for the shallow-*.test.ts
// files, and the check that a run really forwarded batches rather than copying record by record.

/** Source formats that pass bytes through: nothing parses a record. */
export const SHALLOW_FORMATS = { keyFormat: 'bytes', valueFormat: 'bytes' } as const;

export interface ShallowSinkOptions {
  delivery?: 'none' | 'at-least-once' | 'exactly-once';
  /** Exactly-once only; defaults to the topic's name. */
  transactionalIdPrefix?: string;
}

/** A Kafka sink every shallow condition holds for: key from the source, same partition, source timestamps, no recompression. */
export function shallowSink(topic: string, options: ShallowSinkOptions = {}) {
  const delivery = options.delivery ?? 'at-least-once';
  return {
    type: 'kafka' as const,
    topic,
    key: 'source' as const,
    partitioner: 'source-partition' as const,
    writeTimestamp: true,
    compression: 'none' as const,
    deliveryGuarantee: delivery,
    ...(delivery === 'exactly-once' ? { transactionalIdPrefix: options.transactionalIdPrefix ?? topic } : {}),
  };
}

/**
 * Throws unless the spec (as written, before defaults) copies shallow by what it says, so a test
 * of the shallow path cannot silently run a spec that the record path alone would take.
 */
export function assertShallowSpec(input: JobSpecInput | Record<string, unknown>): void {
  const parsed = parseJobSpec(input);
  if (!parsed.ok) throw new Error(`the test's spec is invalid:\n${describeProblems(parsed.problems)}`);
  const path = copyPathOf(parsed.value);
  if (path.kind !== 'shallow') throw new Error(`the test's spec does not copy shallow: ${describeCopyPath(path)}`);
}

/** What a run's metrics say about the shallow path: batches forwarded whole, and decoded per reason. */
export const batchCounts = (metrics: Pick<JobMetrics, 'batchesForwarded' | 'batchesDecoded'>) => ({
  forwarded: metrics.batchesForwarded,
  partial: metrics.batchesDecoded['partial-batch'] ?? 0,
  decoded: Object.values(metrics.batchesDecoded).reduce((sum, n) => sum + (n ?? 0), 0),
});
