import { fromWireError } from '../../../engine/job/host/host-protocol';
import type { FromLagHost, LagHostCall, LagHostResults, ToLagHost } from '../../../engine/lag/host/lag-host-protocol';
import type { HostExit, HostLauncher, HostProcess } from '../jobs/job-host-process';

export type LagHostLauncher = HostLauncher<ToLagHost, FromLagHost>;

/** Events of the lag host other than replies: a cycle's note, a level change, a monitor's error. */
export type LagHostEvent = Exclude<FromLagHost, { kind: 'ready' } | { kind: 'reply' }>;

/** The lag host's heap: 2,000 groups of 10 partitions keep their windows in well under this. */
const MEMORY_LIMIT_MB = 512;

/**
 * The app's side of the lag host: typed calls with sequence ids, answered once; a call made before
 * the host is ready waits for it; the host's exit fails every call still waiting.
 */
export class LagHostClient {
  readonly #process: HostProcess<ToLagHost, FromLagHost>;
  readonly #pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  readonly #ready: Promise<void>;
  #seq = 0;
  #exited: HostExit | undefined;

  constructor(launch: LagHostLauncher, onEvent: (event: LagHostEvent) => void, onExit: (exit: HostExit) => void) {
    this.#process = launch({ jobName: 'lag-monitor', memoryLimitMb: MEMORY_LIMIT_MB });
    let ready: () => void = () => undefined;
    let failed: (error: Error) => void = () => undefined;
    this.#ready = new Promise<void>((resolve, reject) => {
      ready = resolve;
      failed = reject;
    });
    this.#ready.catch(() => undefined);
    this.#process.onMessage((message) => {
      if (message.kind === 'ready') ready();
      else if (message.kind === 'reply') {
        const waiting = this.#pending.get(message.seq);
        this.#pending.delete(message.seq);
        if (message.error) waiting?.reject(fromWireError(message.error));
        else waiting?.resolve(message.result);
      } else onEvent(message);
    });
    this.#process.onExit((exit) => {
      this.#exited = exit;
      const error = new Error(`the lag monitor process ended (${exitText(exit)})`);
      failed(error);
      for (const waiting of this.#pending.values()) waiting.reject(error);
      this.#pending.clear();
      onExit(exit);
    });
  }

  get exited(): boolean {
    return this.#exited !== undefined;
  }

  async call<C extends LagHostCall>(call: C): Promise<LagHostResults[C['call']]> {
    if (this.#exited) throw new Error(`the lag monitor process ended (${exitText(this.#exited)})`);
    await this.#ready;
    const seq = ++this.#seq;
    return new Promise((resolve, reject) => {
      this.#pending.set(seq, { resolve: resolve as (value: unknown) => void, reject });
      this.#process.send({ ...call, seq } as ToLagHost);
    });
  }

  /** Asks the host to stop its monitors; kills it if it has not ended within `graceMs`. */
  async stop(graceMs = 5_000): Promise<void> {
    if (this.#exited) return;
    const ended = new Promise<void>((resolve) => this.#process.onExit(() => resolve()));
    const timer = setTimeout(() => this.#process.kill(), graceMs);
    await this.call({ call: 'stop' }).catch(() => undefined);
    await ended;
    clearTimeout(timer);
  }
}

function exitText(exit: HostExit): string {
  const how = exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`;
  const last = exit.stderr.trim().split('\n').at(-1);
  return last ? `${how}: ${last}` : how;
}
