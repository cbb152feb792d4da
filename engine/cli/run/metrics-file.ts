import { writeFileAtomic } from '../../checkpoints/atomic-file.js';
import type { JobMetrics, JobResult } from '../../job/index.js';

/**
 * What `sluice run --metrics-file` writes when the job ends: its final state and metrics as JSON,
 * for scripts (the bench reads `batchesForwarded` to know a copy took the shallow path).
 */
export interface MetricsFile {
  state: JobResult['state'];
  metrics: JobMetrics;
}

/** Written atomically, so a reader sees the whole file or none. */
export async function writeMetricsFile(path: string, result: JobResult): Promise<void> {
  const file: MetricsFile = { state: result.state, metrics: result.metrics };
  await writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`);
}
