import { readFileSync } from 'node:fs';
import type { CopyPathKind } from '../../engine/job/copy-path.js';

// Whether a `sluice run` in the bench took the copy path its contender stands for, from the
// metrics file the run wrote (`sluice run --metrics-file`). A shallow contender that quietly
// decoded every record would measure the normal path under the shallow path's name.

/** The part of the metrics file the check reads. */
export interface RunBatches {
  batchesForwarded: number;
  batchesDecoded: Record<string, number>;
}

/** The run's batch counts, or why they cannot be read. */
export function readRunBatches(path: string): RunBatches | { unreadable: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { unreadable: `no metrics file at ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  try {
    const metrics = (JSON.parse(text) as { metrics?: Partial<RunBatches> }).metrics;
    if (typeof metrics?.batchesForwarded !== 'number') {
      return { unreadable: `the metrics file ${path} has no metrics.batchesForwarded` };
    }
    return { batchesForwarded: metrics.batchesForwarded, batchesDecoded: metrics.batchesDecoded ?? {} };
  } catch (error) {
    return { unreadable: `the metrics file ${path} is not JSON: ${(error as Error).message}` };
  }
}

const decodedText = (decoded: Record<string, number>) => {
  const parts = Object.entries(decoded).map(([reason, n]) => `${n} ${reason}`);
  return parts.length === 0 ? 'none decoded' : `decoded: ${parts.join(', ')}`;
};

/** Why the run did not take `expected`, or undefined when it did. */
export function copyPathProblem(
  label: string,
  expected: CopyPathKind,
  batches: RunBatches | { unreadable: string },
): string | undefined {
  if ('unreadable' in batches) return `"${label}": cannot tell its copy path: ${batches.unreadable}`;
  if (expected === 'shallow' && batches.batchesForwarded === 0) {
    return `"${label}" took the record path: 0 record batches forwarded (${decodedText(batches.batchesDecoded)}); its job should copy shallow`;
  }
  if (expected === 'record' && batches.batchesForwarded > 0) {
    return `"${label}" forwarded ${batches.batchesForwarded} record batches; it stands for the normal path, record by record`;
  }
  return undefined;
}
