import { createJob, type Job, type JobResult } from '../../job/index.js';
import type { CliIo } from '../cli-io.js';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.js';
import { formatCount } from '../format.js';
import { readValidJobSpec } from '../read-job-spec.js';
import { reportFailure } from '../report-failure.js';
import { HintReporter, hintSummary } from '../run/hint-lines.js';
import { StatusDisplay } from '../run/status-display.js';
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
}

// SIGHUP too: a closed terminal or ssh session must not leave a dead group member behind, which
// would hold up the next run's join until its session expires.
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

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

  const release = onStopSignals(job, say);
  try {
    try {
      await job.start();
    } catch {
      // done() carries the same error and the final metrics; reported once below.
    }
    const result = await job.done();
    return conclude(io, result, display);
  } finally {
    release();
    await clusters.close();
  }
}

function watch(job: Job, say: (message: string) => void, display: StatusDisplay): void {
  job.on('started', (event) => {
    const from = event.restoredFrom === undefined ? 'its start position' : `checkpoint ${event.restoredFrom}`;
    const attempt = event.attempt > 1 ? ` (attempt ${event.attempt})` : '';
    say(`started "${job.spec.name}"${attempt} from ${from}, ${event.positions.length} partitions`);
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

/** First signal: graceful stop. A second one: give up waiting and exit at once. */
function onStopSignals(job: Job, say: (message: string) => void): () => void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      say(`${signal} again: exiting without a final checkpoint`);
      process.exit(130);
    }
    stopping = true;
    say(`${signal}: stopping "${job.spec.name}" with a final checkpoint (${signal} again to exit at once)`);
    void job.stop();
  };
  for (const signal of STOP_SIGNALS) process.on(signal, handler);
  return () => {
    for (const signal of STOP_SIGNALS) process.off(signal, handler);
  };
}

function conclude(io: CliIo, result: JobResult, display: StatusDisplay): ExitCode {
  display.final(result.metrics);
  for (const line of hintSummary(result.hints)) io.err(line);
  const checkpoint =
    result.lastCheckpointId === undefined ? 'no checkpoint' : `last checkpoint ${result.lastCheckpointId}`;
  const counts = `${formatCount(result.metrics.recordsIn)} records in, ${formatCount(result.metrics.recordsOut)} out, ${checkpoint}`;
  if (result.state === 'failed') {
    io.err(`job "${result.metrics.jobName}" failed (${counts})`);
    return reportFailure(io, result.error ?? new Error('the job failed without an error'));
  }
  io.err(`job "${result.metrics.jobName}" ${result.state} (${counts})`);
  return EXIT.ok;
}
