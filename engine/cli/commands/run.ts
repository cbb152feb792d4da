import { createJob, type Job, type JobResult } from '../../job/index.js';
import type { CliIo } from '../cli-io.js';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.js';
import { formatCount } from '../format.js';
import { readValidJobSpec } from '../read-job-spec.js';
import { reportFailure } from '../report-failure.js';
import { batchesPart, copyPathLine } from '../run/copy-path-line.js';
import { HintReporter, hintSummary } from '../run/hint-lines.js';
import { writeMetricsFile } from '../run/metrics-file.js';
import { StatusDisplay } from '../run/status-display.js';
import { DEFAULT_STOP_TIMEOUT_S, onStopSignals } from '../run/stop-signals.js';
import { stderrLogger } from '../run/stderr-logger.js';
import { resolveStateDir } from '../state-dir.js';
import { cliClusterConnections, type ClusterOptions } from './cluster-profiles.js';
import { lintBeforeRun } from './lint.js';

export interface RunOptions extends ClusterOptions {
  stateDir?: string;
  progressInterval: string;
  /** `--no-lint` sets this false: no lint before the start. */
  lint?: boolean;
  /** Start even when lint has critical findings. */
  force?: boolean;
  /** Seconds a graceful stop may take after a signal before the process exits anyway. */
  stopTimeout?: string;
  /** Where to write the final state and metrics as JSON when the job ends. */
  metricsFile?: string;
}

/**
 * `sluice run job.json`: runs the job in the foreground until a bounded job finishes, a signal
 * stops it (gracefully: final checkpoint, sink flushed or committed), or it fails past restarts.
 */
export async function runCommand(io: CliIo, file: string, options: RunOptions): Promise<ExitCode> {
  const intervalMs = Number(options.progressInterval);
  if (!Number.isInteger(intervalMs) || intervalMs < 100) {
    throw new UsageError(
      `--progress-interval must be a whole number of milliseconds >= 100, got "${options.progressInterval}"`,
    );
  }
  const stopTimeoutS = Number(options.stopTimeout ?? DEFAULT_STOP_TIMEOUT_S);
  if (!Number.isFinite(stopTimeoutS) || stopTimeoutS <= 0) {
    throw new UsageError(`--stop-timeout must be a number of seconds > 0, got "${options.stopTimeout}"`);
  }
  const spec = await readValidJobSpec(file);
  const stateDir = resolveStateDir(options.stateDir, io.env);
  const display = new StatusDisplay(io, intervalMs);
  const logger = stderrLogger(io, () => display.clear());
  const clusters = cliClusterConnections(io, options, logger);
  // Lint first: warnings are printed and the job starts; critical findings stop it unless --force.
  if (options.lint !== false && !(await lintBeforeRun(io, spec, clusters.resolve, options.force === true))) {
    await clusters.close();
    return EXIT.failure;
  }
  const job = createJob(spec, { stateDir, logger, resolveCluster: clusters.resolve });
  const say = (message: string) => {
    display.clear();
    io.err(message);
  };
  watch(job, say, display);

  const release = onStopSignals(job, say, { graceMs: stopTimeoutS * 1000 });
  try {
    try {
      await job.start();
    } catch {
      // done() carries the same error and the final metrics; reported once below.
    }
    const result = await job.done();
    if (options.metricsFile !== undefined) await writeMetricsFile(options.metricsFile, result);
    return conclude(io, result, display);
  } finally {
    // Closing the clusters is part of the stop, so the bound still holds while it runs.
    await clusters.close();
    release();
  }
}

function watch(job: Job, say: (message: string) => void, display: StatusDisplay): void {
  job.on('started', (event) => {
    const from = event.restoredFrom === undefined ? 'its start position' : `checkpoint ${event.restoredFrom}`;
    const attempt = event.attempt > 1 ? ` (attempt ${event.attempt})` : '';
    say(`started "${job.spec.name}"${attempt} from ${from}, ${event.positions.length} partitions`);
    if (event.copyPath) say(copyPathLine(event.copyPath));
  });
  job.on('checkpoint', (event) => {
    if (event.final) say(`final checkpoint ${event.checkpointId} written (${event.bytes} bytes)`);
  });
  job.on('error', (event) => {
    if (!event.willRestart) return; // the final failure is reported by conclude()
    const delay = event.delayMs === undefined ? '' : ` in ${(event.delayMs / 1000).toFixed(1)}s`;
    say(`error: ${event.error.message} [hint: ${event.error.hintId}]; restarting${delay}`);
  });
  job.on('metrics', (metrics) => display.update(metrics));
  const hints = new HintReporter(say);
  job.on('hints', (event) => {
    if (!event) return;
    display.setHints(event.hints);
    hints.update(event.hints);
  });
}

function conclude(io: CliIo, result: JobResult, display: StatusDisplay): ExitCode {
  display.final(result.metrics);
  for (const line of hintSummary(result.hints)) io.err(line);
  const checkpoint =
    result.lastCheckpointId === undefined ? 'no checkpoint' : `last checkpoint ${result.lastCheckpointId}`;
  const batches = batchesPart(result.metrics);
  const counts = `${formatCount(result.metrics.recordsIn)} records in, ${formatCount(result.metrics.recordsOut)} out, ${batches === undefined ? '' : `${batches}, `}${checkpoint}`;
  if (result.state === 'failed') {
    io.err(`job "${result.metrics.jobName}" failed (${counts})`);
    return reportFailure(io, result.error ?? new Error('the job failed without an error'));
  }
  io.err(`job "${result.metrics.jobName}" ${result.state} (${counts})`);
  return EXIT.ok;
}
