import { CheckpointStore } from '../../../engine/checkpoints/index';
import { isActiveState, type Job } from '../../../engine/job/index';
import type { JobSpec } from '../../../engine/spec/index';
import type { HintSummary } from '../../../engine/hints/observation';
import type { CopyPath } from '../../../engine/job/copy-path';
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

/** Where and how a job runs: the app starts each in a host process of its own (hosted-job.ts). */
export interface JobLaunch {
  stateDir: string;
  restoreFrom?: number;
}

/** A job the service can end at once when a stop outlasts its bound (a hosted job's process). */
type Killable = Job & { kill?: () => void };

export interface JobsServiceDeps {
  store: JobStore;
  /** Makes a job; injected so the service is testable with a fake job. */
  createJob: (spec: JobSpec, launch: JobLaunch) => Killable;
  stateDir: string;
  emit: <C extends EventChannel>(channel: C, payload: EventChannels[C]) => void;
  /** Lint before a start (LintService.startWarnings): each line becomes a job warning; never blocks. */
  lintWarnings?: (spec: JobSpec) => Promise<string[]>;
  /** The only directory file sinks may write to (checked on save and on start); unset: unconfined. */
  fileSinkDirectory?: () => string;
}

interface Hosted {
  job: Killable;
  unsubscribe: (() => void)[];
  lastError?: { message: string; hintId?: string };
  hints?: HintSummary[];
  /** The copy path the latest run reported in its `started` event (Kafka sinks). */
  copyPath?: CopyPath;
}

/** How long quitting waits for running jobs to take their final checkpoint. */
export const STOP_ALL_BOUND_MS = 30_000;

/**
 * Hosts engine jobs in the app: start, stop, restore from a checkpoint, status for the list, and
 * every job event forwarded to the renderer. One running instance per job name.
 */
export class JobsService {
  readonly #deps: JobsServiceDeps;
  readonly #hosted = new Map<string, Hosted>();
  readonly #watchers = new Map<string, number>();

  constructor(deps: JobsServiceDeps) {
    this.#deps = deps;
  }

  list(): JobStatus[] {
    return this.#deps.store.listJobs().map((spec) => this.#status(spec));
  }

  get(name: string): JobDetail {
    const spec = this.#spec(name);
    const hosted = this.#hosted.get(name);
    return {
      spec,
      status: this.#status(spec),
      metrics: hosted?.job.metrics(),
      ...(hosted?.copyPath ? { copyPath: hosted.copyPath } : {}),
    };
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

  /** A job page opened (`true`) or closed (`false`): full metrics flow while at least one is open. */
  watch(name: string, watch: boolean): void {
    const count = Math.max(0, (this.#watchers.get(name) ?? 0) + (watch ? 1 : -1));
    if (count === 0) this.#watchers.delete(name);
    else this.#watchers.set(name, count);
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

  /**
   * On quit: every running job stops gracefully (final checkpoint), all at once; a job still not
   * stopped after `boundMs` is ended without one (it resumes from its previous checkpoint).
   */
  async stopAll(boundMs = STOP_ALL_BOUND_MS): Promise<void> {
    const running = [...this.#hosted.values()].filter((hosted) => isActiveState(hosted.job.state));
    await Promise.all(
      running.map(async ({ job }) => {
        let timer: NodeJS.Timeout | undefined;
        const bound = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), boundMs)));
        const outcome = await Promise.race([job.stop().catch(() => undefined), bound]);
        clearTimeout(timer);
        if (outcome === 'late') job.kill?.();
      }),
    );
  }

  #forward(name: string, hosted: Hosted): void {
    const { job } = hosted;
    const emit = this.#deps.emit;
    hosted.unsubscribe.push(
      // Kept for jobs:get: it comes before the state change to running that makes the page reload.
      job.on('started', (started) => {
        if (started.copyPath) hosted.copyPath = started.copyPath;
      }),
      job.on('state', (change) => emit('jobs:state', { name, ...change })),
      job.on('metrics', (metrics) => {
        emit('jobs:summary', {
          name,
          recordsInPerSecond: metrics.recordsInPerSecond,
          recordsOutPerSecond: metrics.recordsOutPerSecond,
          ...(metrics.lag === undefined ? {} : { lag: metrics.lag }),
          ...(metrics.lastCheckpointId === undefined ? {} : { lastCheckpointId: metrics.lastCheckpointId }),
          at: metrics.takenAt,
        });
        // Every partition's numbers only while a job page has asked for them.
        if ((this.#watchers.get(name) ?? 0) > 0) emit('jobs:metrics', metrics);
      }),
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
    return hosted !== undefined && isActiveState(hosted.job.state);
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
