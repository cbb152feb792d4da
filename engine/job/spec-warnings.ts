import type { JobSpec } from '../spec/index.js';

/** Settings that are valid one by one but work against each other; reported when a run starts. */
export function specWarnings(spec: JobSpec): string[] {
  const warnings: string[] = [];
  const sink = spec.sink;
  if (
    sink.type === 'kafka' &&
    sink.deliveryGuarantee === 'exactly-once' &&
    spec.checkpoint.intervalMs >= sink.transactionTimeoutMs
  ) {
    warnings.push(
      'checkpoint.intervalMs is not below sink.transactionTimeoutMs: the broker will abort transactions before they commit',
    );
  }
  return warnings;
}
