import { CheckpointStore } from '../checkpoints/index.js';
import { classifyError, type SluiceError } from '../errors/index.js';
import { HintTracker } from '../hints/hint-tracker.js';
import { hintsForError } from '../hints/match.js';
import type { HintObservation, HintSummary } from '../hints/observation.js';
import type { JobMetrics } from '../metrics/job-metrics.js';
import { MetricsCollector } from '../metrics/metrics-collector.js';
import type { JobSpec } from '../spec/index.js';
import type { JobEvents } from './job-events.js';
import { isTerminal, JobStateMachine, type JobState, type TerminalState } from './job-state.js';
import { JobRun, type RestoreChoice, type RunOutcome } from './job-run.js';
import type { ClusterResolver } from './kafka-clients.js';
import { silentLogger, type Logger } from './logger.js';
import { decideRestart } from './restart-policy.js';
import type { JobMemory } from './start-plan.js';
import { TypedEmitter } from './typed-emitter.js';

export interface JobOptions {
  /** Where checkpoints live: `<stateDir>/<job name>/checkpoints/`. */
  stateDir: string;
  /** Resume from this checkpoint instead of the latest (or a restore point set by `sluice restore`). */
  restoreFrom?: number;
  logger?: Logger;
  /** Resolves `{ profile }` cluster references; without it only inline bootstrapServers work. */
  resolveCluster?: ClusterResolver;
}

export interface JobResult {
  state: TerminalState;
  /** Why the job failed. */
  error?: SluiceError;
  metrics: JobMetrics;
  lastCheckpointId: number | undefined;
  /** Every troubleshooting hint seen while the job ran. */
  hints: HintSummary[];
}

export interface Job {
  readonly spec: JobSpec;
  readonly state: JobState;
  /** Resolves once running; rejects with a clear error (unreachable bootstrap, missing topic, ...). */
  start(): Promise<void>;
  /** Graceful: final checkpoint, flush or commit the sink, disconnect. */
  stop(): Promise<void>;
  /** Settles when the job is finished, stopped or failed. */
  done(): Promise<JobResult>;
  metrics(): JobMetrics;
  on<E extends keyof JobEvents>(event: E, listener: (payload: JobEvents[E]) => void): () => void;
}

export function createJob(spec: JobSpec, options: JobOptions): Job {
  return new StreamJob(spec, options);
}

const METRICS_INTERVAL_MS = 1_000;
// A new hint is published at once; more sightings of known ones at most this often.
const HINTS_INTERVAL_MS = 1_000;

type StopSignal = { kind: 'stop' };

class StreamJob implements Job {
  readonly spec: JobSpec;
  readonly #options: JobOptions;
  readonly #logger: Logger;
  readonly #events: TypedEmitter<JobEvents>;
  readonly #machine: JobStateMachine;
  readonly #metrics: MetricsCollector;
  readonly #store: CheckpointStore;
  readonly #memory: JobMemory = {};
  readonly #done: Promise<JobResult>;
  readonly #stopSignal: Promise<StopSignal>;
  #resolveDone!: (result: JobResult) => void;
  #requestStop!: () => void;
  #stopRequested = false;
  #run: JobRun | undefined;
  #restore: RestoreChoice = { kind: 'latest' };
  #attempt = 0;
  #failures = 0;
  #lastCheckpointId: number | undefined;
  #metricsTimer: NodeJS.Timeout | undefined;
  readonly #hints = new HintTracker();
  #hintsTimer: NodeJS.Timeout | undefined;

  constructor(spec: JobSpec, options: JobOptions) {
    this.spec = spec;
    this.#options = options;
    this.#logger = options.logger ?? silentLogger;
    this.#events = new TypedEmitter<JobEvents>(this.#logger);
    this.#machine = new JobStateMachine((change) => {
      this.#logger.info(
        `job "${spec.name}": ${change.from} -> ${change.to}${change.reason ? ` (${change.reason})` : ''}`,
      );
      this.#events.emit('state', change);
    });
    this.#metrics = new MetricsCollector(spec.name);
    this.#store = new CheckpointStore({
      stateDir: options.stateDir,
      jobName: spec.name,
      retain: spec.checkpoint.retain,
      logger: { warn: (message) => this.#warn(message) },
    });
    this.#done = new Promise((resolve) => (this.#resolveDone = resolve));
    this.#stopSignal = new Promise((resolve) => (this.#requestStop = () => resolve({ kind: 'stop' })));
    // Every failure, retried or final, is a sighting of its hints.
    this.#events.on('error', (event) => {
      for (const observation of errorObservations(event.error, event.at)) this.#observe(observation);
    });
  }

  get state(): JobState {
    return this.#machine.state;
  }

  on<E extends keyof JobEvents>(event: E, listener: (payload: JobEvents[E]) => void): () => void {
    return this.#events.on(event, listener);
  }

  metrics(): JobMetrics {
    return this.#metrics.snapshot(this.state, this.#run?.tracker?.entries() ?? []);
  }

  done(): Promise<JobResult> {
    return this.#done;
  }

  async start(): Promise<void> {
    if (this.state !== 'created') throw new Error(`job "${this.spec.name}" was already started`);
    this.#machine.transition('starting');
    this.#metricsTimer = setInterval(() => this.#publishMetrics(), METRICS_INTERVAL_MS);
    this.#metricsTimer.unref();
    let run: JobRun;
    try {
      this.#restore = await this.#initialRestore();
      run = this.#newRun();
      await run.start();
    } catch (e) {
      const error = classifyError(e);
      this.#end('failed', error, 'the job could not start');
      throw error;
    }
    this.#machine.transition('running');
    void this.#supervise(run);
  }

  async stop(): Promise<void> {
    if (this.state === 'created') {
      this.#end('stopped');
      return;
    }
    this.#stopRequested = true;
    this.#requestStop();
    await this.#done;
  }

  async #initialRestore(): Promise<RestoreChoice> {
    const chosen = this.#options.restoreFrom ?? (await this.#store.takeRestorePoint());
    return chosen === undefined ? { kind: 'latest' } : { kind: 'checkpoint', checkpointId: chosen };
  }

  #newRun(): JobRun {
    this.#attempt++;
    const run = new JobRun({
      spec: this.spec,
      attempt: this.#attempt,
      store: this.#store,
      metrics: this.#metrics,
      logger: this.#logger,
      resolver: this.#options.resolveCluster,
      memory: this.#memory,
      restore: this.#restore,
      emit: (event, payload) => this.#events.emit(event, payload),
      observe: (observation) => this.#observe(observation),
      onCheckpoint: (checkpointId) => {
        // From now on a restart resumes from this run's checkpoints, and the run has proven healthy.
        this.#restore = { kind: 'latest' };
        this.#failures = 0;
        this.#lastCheckpointId = checkpointId;
      },
    });
    this.#run = run;
    return run;
  }

  /** Watches a running run until the job ends: finishing, stopping, or failing past restarts. */
  async #supervise(first: JobRun): Promise<void> {
    let run = first;
    for (;;) {
      const outcome: RunOutcome | StopSignal = await Promise.race([run.outcome, this.#stopSignal]);
      if (outcome.kind !== 'failed') {
        await this.#windDown(run, outcome.kind === 'finished' ? 'finished' : 'stopped');
        return;
      }
      await run.abort();
      const next = await this.#recover(classifyError(outcome.error));
      if (!next) return;
      run = next;
    }
  }

  /** Restarts per the strategy until a run is up; undefined when the job ended instead. */
  async #recover(failure: SluiceError): Promise<JobRun | undefined> {
    let error = failure;
    for (;;) {
      if (this.#stopRequested) {
        // The operator asked to stop: the failed run is gone, its last checkpoint stands. A failure
        // no restart would cure is still the job's outcome, so the operator learns of it.
        if (!error.retriable) {
          this.#end('failed', error, 'the run failed while stopping');
          return undefined;
        }
        this.#machine.transition('stopping', `stop requested after: ${error.message}`);
        this.#end('stopped');
        return undefined;
      }
      this.#failures++;
      const decision = decideRestart(this.spec.restart, this.#failures, error);
      if (!decision.restart) {
        this.#end('failed', error, decision.reason);
        return undefined;
      }
      this.#events.emit('error', {
        error,
        attempt: this.#attempt,
        willRestart: true,
        delayMs: decision.delayMs,
        at: Date.now(),
      });
      this.#machine.transition('restarting', error.message);
      this.#metrics.restarted();
      const stopped = await this.#waitUnlessStopped(decision.delayMs);
      if (stopped) {
        this.#machine.transition('stopping', 'stopped while waiting to restart');
        this.#end('stopped');
        return undefined;
      }
      this.#machine.transition('starting', `restart ${this.#failures}`);
      const run = this.#newRun();
      try {
        await run.start();
      } catch (e) {
        error = classifyError(e);
        continue;
      }
      this.#machine.transition('running');
      return run;
    }
  }

  async #windDown(run: JobRun, target: 'finished' | 'stopped'): Promise<void> {
    this.#machine.transition(
      'stopping',
      target === 'finished' ? 'every partition reached its stop offset' : 'stop requested',
    );
    try {
      await run.stop();
    } catch (e) {
      this.#end('failed', classifyError(e), 'the final checkpoint failed');
      return;
    }
    this.#end(target);
  }

  async #waitUnlessStopped(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    const result = await Promise.race([waited, this.#stopSignal.then(() => true as const)]);
    clearTimeout(timer);
    return result;
  }

  #end(state: TerminalState, error?: SluiceError, reason?: string): void {
    if (isTerminal(this.state)) return;
    if (error) {
      this.#events.emit('error', {
        error,
        attempt: this.#attempt,
        willRestart: false,
        ...(reason === undefined ? {} : { reason }),
        at: Date.now(),
      });
    }
    this.#machine.transition(state, error?.message ?? reason);
    clearInterval(this.#metricsTimer);
    const metrics = this.#publishMetrics();
    const hints = this.#publishHints();
    this.#resolveDone({
      state,
      ...(error ? { error } : {}),
      metrics,
      lastCheckpointId: this.#lastCheckpointId,
      hints,
    });
  }

  #observe(observation: HintObservation): void {
    const first = this.#hints.observe(observation);
    if (isTerminal(this.state)) return;
    if (first) {
      this.#publishHints();
    } else if (!this.#hintsTimer) {
      this.#hintsTimer = setTimeout(() => this.#publishHints(), HINTS_INTERVAL_MS);
      this.#hintsTimer.unref();
    }
  }

  #publishHints(): HintSummary[] {
    clearTimeout(this.#hintsTimer);
    this.#hintsTimer = undefined;
    const hints = this.#hints.list();
    if (hints.length > 0) this.#events.emit('hints', { hints, at: Date.now() });
    return hints;
  }

  #publishMetrics(): JobMetrics {
    this.#metrics.tick();
    const snapshot = this.metrics();
    this.#events.emit('metrics', snapshot);
    return snapshot;
  }

  #warn(message: string): void {
    this.#logger.warn(message);
    this.#events.emit('warning', { message, at: Date.now() });
  }
}

function errorObservations(error: SluiceError, at: number): HintObservation[] {
  const details = error.details ?? {};
  const evidence: Partial<HintObservation> = {};
  if (typeof details['topic'] === 'string') evidence.topic = details['topic'];
  const topics = details['topics'];
  if (Array.isArray(topics)) evidence.topics = topics.filter((t): t is string => typeof t === 'string');
  if (typeof details['partition'] === 'number') evidence.partition = details['partition'];
  if (typeof details['broker'] === 'string') evidence.broker = details['broker'];
  if (typeof details['host'] === 'string' && typeof details['port'] === 'number') {
    evidence.broker = `${details['host']}:${details['port']}`;
  }
  return hintsForError(error).map((hintId) => ({ ...evidence, hintId, at, message: error.message, origin: 'error' }));
}
