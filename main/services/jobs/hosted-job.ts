import { SluiceError, type HintId } from '../../../engine/errors/index';
import {
  fromWireError,
  type FromHost,
  type HostConnections,
  type ToHost,
} from '../../../engine/job/host/host-protocol';
import type { Job, JobEvents, JobResult, JobState } from '../../../engine/job/index';
import { silentLogger } from '../../../engine/job/index';
import { TypedEmitter } from '../../../engine/job/typed-emitter';
import type { JobMetrics } from '../../../engine/metrics/job-metrics';
import { MetricsCollector } from '../../../engine/metrics/metrics-collector';
import type { JobSpec } from '../../../engine/spec/index';
import type { HostExit, HostLauncher, HostProcess } from './job-host-process';

export interface HostedJobOptions {
  stateDir: string;
  restoreFrom?: number;
  launch: HostLauncher;
  /** The job's cluster profiles and stored secrets, read when it starts. */
  connections: () => Promise<HostConnections>;
}

type Pending = { resolve: () => void; reject: (error: Error) => void };

/**
 * A job running in a host process of its own, behind the engine's `Job` interface: calls go to the
 * host with sequence ids, state, metrics and events come back. If the host dies (out of memory,
 * killed, crashed), the job ends `failed` with a message and a hint; nothing else is touched.
 */
export class HostedJob implements Job {
  readonly spec: JobSpec;
  readonly #options: HostedJobOptions;
  readonly #events = new TypedEmitter<JobEvents>(silentLogger);
  readonly #pending = new Map<number, Pending>();
  readonly #done: Promise<JobResult>;
  #resolveDone!: (result: JobResult) => void;
  #ended = false;
  #state: JobState = 'created';
  #metrics: JobMetrics;
  #host: HostProcess | undefined;
  #seq = 0;

  constructor(spec: JobSpec, options: HostedJobOptions) {
    this.spec = spec;
    this.#options = options;
    this.#metrics = new MetricsCollector(spec.name).snapshot('created', []);
    this.#done = new Promise((resolve) => (this.#resolveDone = resolve));
  }

  get state(): JobState {
    return this.#state;
  }

  /** The host's process id, while it runs. */
  get pid(): number | undefined {
    return this.#ended ? undefined : this.#host?.pid;
  }

  on<E extends keyof JobEvents>(event: E, listener: (payload: JobEvents[E]) => void): () => void {
    return this.#events.on(event, listener);
  }

  metrics(): JobMetrics {
    return this.#metrics;
  }

  done(): Promise<JobResult> {
    return this.#done;
  }

  async start(): Promise<void> {
    if (this.#host || this.#ended) throw new Error(`job "${this.spec.name}" was already started`);
    let connections: HostConnections;
    try {
      connections = await this.#options.connections();
    } catch (cause) {
      // Nothing was started (a stored secret could not be read, say): the job ends here, failed.
      const error = new SluiceError(`job "${this.spec.name}" cannot start: ${(cause as Error).message}`, {
        hintId: (cause as { hintId?: HintId }).hintId ?? 'spec-invalid',
        cause,
      });
      this.#fail(error);
      throw error;
    }
    const host = this.#options.launch({ jobName: this.spec.name, memoryLimitMb: this.spec.limits.memoryMb });
    this.#host = host;
    host.onMessage((message) => this.#receive(message));
    host.onExit((exit) => this.#hostExited(exit));
    await this.#call({
      seq: 0,
      call: 'start',
      start: {
        spec: this.spec,
        stateDir: this.#options.stateDir,
        connections,
        ...(this.#options.restoreFrom === undefined ? {} : { restoreFrom: this.#options.restoreFrom }),
      },
    });
  }

  async stop(): Promise<void> {
    if (!this.#host || this.#ended) return;
    await this.#call({ seq: 0, call: 'stop' }).catch(() => undefined);
    await this.#done;
  }

  /** Ends the host at once (no final checkpoint): for a stop that did not finish within its bound. */
  kill(): void {
    this.#host?.kill();
  }

  #call(message: ToHost): Promise<void> {
    const seq = ++this.#seq;
    return new Promise((resolve, reject) => {
      this.#pending.set(seq, { resolve, reject });
      this.#host!.send({ ...message, seq });
    });
  }

  #receive(message: FromHost): void {
    switch (message.kind) {
      case 'ready':
        return;
      case 'reply': {
        const pending = this.#pending.get(message.seq);
        this.#pending.delete(message.seq);
        if (message.error) pending?.reject(fromWireError(message.error));
        else pending?.resolve();
        return;
      }
      case 'event': {
        if (message.event === 'state') this.#state = message.payload.to;
        if (message.event === 'metrics') this.#metrics = message.payload;
        const payload =
          message.event === 'error'
            ? { ...message.payload, error: fromWireError(message.payload.error as never) }
            : message.payload;
        this.#events.emit(message.event, payload as never);
        return;
      }
      case 'done': {
        const { error, ...rest } = message.result;
        this.#end({ ...rest, ...(error ? { error: fromWireError(error) } : {}) });
      }
    }
  }

  #hostExited(exit: HostExit): void {
    if (this.#ended) return;
    this.#fail(hostExitError(this.spec, exit));
  }

  /** The job ends failed without its host having said so: the state, the error and the result, once. */
  #fail(error: SluiceError): void {
    const at = Date.now();
    const from = this.#state;
    this.#state = 'failed';
    this.#events.emit('state', { from, to: 'failed', at, reason: error.message });
    this.#events.emit('error', { error, attempt: 1, willRestart: false, reason: error.message, at });
    this.#end({
      state: 'failed',
      error,
      metrics: { ...this.#metrics, state: 'failed' },
      lastCheckpointId: this.#metrics.lastCheckpointId,
      hints: [],
    });
  }

  #end(result: JobResult): void {
    if (this.#ended) return;
    this.#ended = true;
    for (const pending of this.#pending.values()) {
      pending.reject(result.error ?? new Error(`job "${this.spec.name}" ended`));
    }
    this.#pending.clear();
    this.#resolveDone(result);
  }
}

/** Why a host ended without reporting its job done, in the operator's words. */
export function hostExitError(spec: JobSpec, exit: HostExit): SluiceError {
  const lastWords = exit.stderr.trim().split('\n').slice(-3).join(' | ');
  const how = exit.signal ? `was killed (${exit.signal})` : `exited with code ${exit.code}`;
  if (/heap out of memory|Reached heap limit|ERR_WORKER_OUT_OF_MEMORY/.test(exit.stderr)) {
    return new SluiceError(
      `job "${spec.name}" ran out of memory: it needed more than its limit of ${spec.limits.memoryMb} MiB ` +
        '(limits.memoryMb), so its process ended; the console and other jobs go on',
      { hintId: 'job-memory-limit', retriable: false, details: { memoryLimitMb: spec.limits.memoryMb } },
    );
  }
  return new SluiceError(
    `the process of job "${spec.name}" ${how} before the job ended${lastWords ? `: ${lastWords}` : ''}; ` +
      'it resumes from its last checkpoint when started again',
    { hintId: 'job-host-exited', retriable: true, details: { code: exit.code, signal: exit.signal } },
  );
}
