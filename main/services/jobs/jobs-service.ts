import { CheckpointStore } from '../../../engine/checkpoints/index';
import { INTERACTIVE_FETCH_BUDGET_BYTES } from '../../../engine/source/fetch-sizes';
import type { ClusterResolver, Job, JobOptions } from '../../../engine/job/index';
import type { JobSpec } from '../../../engine/spec/index';
import type { HintSummary } from '../../../engine/hints/observation';
import type { CheckpointInfo, EventChannel, EventChannels, JobDetail, JobStatus } from '../../ipc/contract';
import { NotFoundError } from '../invalid-input-error';
import { confineFileSinkPath, confineJobSpec } from './file-sink-confinement';

/** What the jobs service needs from settings; SettingsService provides it. */
export interface JobStore {
  listJobs(): JobSpec[];
  getJob(name: string): JobSpec | undefined;
  saveJob(input: unknown, previousName?: string): JobSpec;
  deleteJob(name: string): void;
}

export interface JobsServiceDeps {
  store: JobStore;
  /** engine/job's createJob; injected so the service is testable with a fake job. */
  createJob: (spec: JobSpec, options: JobOptions) => Job;
  stateDir: string;
  resolveCluster: ClusterResolver;
  emit: <C extends EventChannel>(channel: C, payload: EventChannels[C]) => void;
  /** Lint before a start (LintService.startWarnings): each line becomes a job warning; never blocks. */
  lintWarnings?: (spec: JobSpec) => Promise<string[]>;
  /** The only directory file sinks may write to (checked on save and on start); unset: unconfined. */
  fileSinkDirectory?: () => string;
}

interface Hosted {
  job: Job;
  unsubscribe: (() => void)[];
  lastError?: { message: string; hintId?: string };
  hints?: HintSummary[];
}

const ACTIVE = new Set(['created', 'starting', 'running', 'stopping', 'restarting']);

/**
 * Hosts engine jobs in the app: start, stop, restore from a checkpoint, status for the list, and
 * every job event forwarded to the renderer. One running instance per job name.
 */
export class JobsService {
  readonly #deps: JobsServiceDeps;
  readonly #hosted = new Map<string, Hosted>();

  constructor(deps: JobsServiceDeps) {
    this.#deps = deps;
  }

  list(): JobStatus[] {
    return this.#deps.store.listJobs().map((spec) => this.#status(spec));
  }

  get(name: string): JobDetail {
    const spec = this.#spec(name);
    return { spec, status: this.#status(spec), metrics: this.#hosted.get(name)?.job.metrics() };
  }

  save(spec: unknown, previousName?: string): JobSpec {
    const target = previousName ?? (spec as { name?: string }).name ?? '';
    if (this.#isActive(target)) throw new Error(`job "${target}" is running; stop it before editing`);
    const sink = (spec as { sink?: { type?: unknown; path?: unknown } } | null)?.sink;
    const directory = this.#deps.fileSinkDirectory?.();
    if (directory !== undefined && sink?.type === 'file' && typeof sink.path === 'string') {
      confineFileSinkPath(sink.path, directory);
    }
    return this.#deps.store.saveJob(spec, previousName);
  }

  delete(name: string): void {
    if (this.#isActive(name)) throw new Error(`job "${name}" is running; stop it before deleting`);
    this.#deps.store.deleteJob(name);
    this.#release(name);
  }

  /** Resolves once running; rejects with the engine's error (which names its hint) when it cannot start. */
  async start(name: string, restoreFrom?: number): Promise<JobStatus> {
    const saved = this.#spec(name);
    if (this.#isActive(name)) throw new Error(`job "${name}" is already running`);
    // Checked again at start: the job may have been saved before the directory was set or changed.
    const directory = this.#deps.fileSinkDirectory?.();
    const spec = directory === undefined ? saved : confineJobSpec(saved, directory);
    this.#release(name);
    const job = this.#deps.createJob(spec, {
      stateDir: this.#deps.stateDir,
      resolveCluster: this.#deps.resolveCluster,
      // Jobs share the event loop that answers the console: smaller fetches, shorter waits.
      fetchBudgetBytes: INTERACTIVE_FETCH_BUDGET_BYTES,
      ...(restoreFrom === undefined ? {} : { restoreFrom }),
    });
    const hosted: Hosted = { job, unsubscribe: [] };
    this.#hosted.set(name, hosted);
    this.#forward(name, hosted);
    const lintWarnings = (await this.#deps.lintWarnings?.(spec).catch(() => [])) ?? [];
    for (const message of lintWarnings) this.#deps.emit('jobs:warning', { name, message, at: Date.now() });
    try {
      await job.start();
    } catch (error) {
      hosted.lastError = describe(error);
      throw error;
    }
    return this.#status(saved);
  }

  async stop(name: string): Promise<JobStatus> {
    const spec = this.#spec(name);
    const hosted = this.#hosted.get(name);
    if (!hosted || !this.#isActive(name)) throw new Error(`job "${name}" is not running`);
    await hosted.job.stop();
    return this.#status(spec);
  }

  async checkpoints(name: string): Promise<CheckpointInfo[]> {
    const spec = this.#spec(name);
    const store = new CheckpointStore({
      stateDir: this.#deps.stateDir,
      jobName: spec.name,
      retain: spec.checkpoint.retain,
    });
    return (await store.list()).reverse();
  }

  /** On quit: every running job stops gracefully (final checkpoint). */
  async stopAll(): Promise<void> {
    await Promise.all(
      [...this.#hosted.keys()]
        .filter((n) => this.#isActive(n))
        .map((n) =>
          this.#hosted
            .get(n)!
            .job.stop()
            .catch(() => undefined),
        ),
    );
  }

  #forward(name: string, hosted: Hosted): void {
    const { job } = hosted;
    const emit = this.#deps.emit;
    hosted.unsubscribe.push(
      job.on('state', (change) => emit('jobs:state', { name, ...change })),
      job.on('metrics', (metrics) => emit('jobs:metrics', metrics)),
      job.on('checkpoint', (c) =>
        emit('jobs:checkpoint', { name, checkpointId: c.checkpointId, takenAt: c.takenAt, final: c.final }),
      ),
      job.on('warning', (w) => emit('jobs:warning', { name, message: w.message, at: w.at })),
      job.on('hints', (h) => {
        if (!h) return;
        hosted.hints = h.hints;
        emit('jobs:hints', { name, hints: h.hints, at: h.at });
      }),
      job.on('error', (e) => {
        hosted.lastError = describe(e.error);
        emit('jobs:error', {
          name,
          message: e.error.message,
          ...(e.error.hintId ? { hintId: e.error.hintId } : {}),
          willRestart: e.willRestart,
          at: e.at,
        });
      }),
    );
  }

  #release(name: string): void {
    const hosted = this.#hosted.get(name);
    hosted?.unsubscribe.forEach((off) => off());
    this.#hosted.delete(name);
  }

  #isActive(name: string): boolean {
    const hosted = this.#hosted.get(name);
    return hosted !== undefined && ACTIVE.has(hosted.job.state);
  }

  #spec(name: string): JobSpec {
    const spec = this.#deps.store.getJob(name);
    if (!spec) throw new NotFoundError(`no job named "${name}"`);
    return spec;
  }

  #status(spec: JobSpec): JobStatus {
    const hosted = this.#hosted.get(spec.name);
    const metrics = hosted?.job.metrics();
    return {
      name: spec.name,
      ...(spec.description === undefined ? {} : { description: spec.description }),
      state: hosted?.job.state ?? 'idle',
      recordsInPerSecond: metrics?.recordsInPerSecond ?? 0,
      recordsOutPerSecond: metrics?.recordsOutPerSecond ?? 0,
      lag: metrics?.lag,
      lastCheckpointId: metrics?.lastCheckpointId,
      ...(hosted?.lastError ? { error: hosted.lastError } : {}),
      ...(hosted?.hints ? { hints: hosted.hints } : {}),
    };
  }
}

function describe(error: unknown): { message: string; hintId?: string } {
  const e = error as { message?: string; hintId?: string };
  return { message: e.message ?? String(error), ...(e.hintId ? { hintId: e.hintId } : {}) };
}
