import type { EventEmitter } from 'node:events';
import { EXIT } from '../exit-codes.js';

// SIGHUP too: a closed terminal or ssh session must not leave a dead group member behind, which
// would hold up the next run's join until its session expires.
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** How long `sluice run` waits for a graceful stop before it exits anyway (`--stop-timeout`). */
export const DEFAULT_STOP_TIMEOUT_S = 30;

export interface StoppableJob {
  readonly spec: { name: string };
  stop(): Promise<void>;
}

export interface StopSignalOptions {
  /** After the first signal, exit this long later even if the stop has not finished. */
  graceMs: number;
  /** Where signals arrive (the process; a spec passes an emitter). */
  signals?: Pick<EventEmitter, 'on' | 'off'>;
  exit?: (code: number) => void;
}

/**
 * First signal: graceful stop (final checkpoint, sink flushed or committed), bounded by `graceMs`.
 * A second signal, or the bound passing: exit at once.
 */
export function onStopSignals(
  job: StoppableJob,
  say: (message: string) => void,
  options: StopSignalOptions,
): () => void {
  const signals = options.signals ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const seconds = `${Math.round(options.graceMs / 100) / 10}s`;
  let stopping = false;
  let bound: NodeJS.Timeout | undefined;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      say(`${signal} again: exiting without a final checkpoint`);
      exit(130);
      return;
    }
    stopping = true;
    say(
      `${signal}: stopping "${job.spec.name}" with a final checkpoint (at most ${seconds}; ${signal} again to exit at once)`,
    );
    bound = setTimeout(() => {
      say(
        `"${job.spec.name}" did not stop within ${seconds}; exiting without waiting for its final checkpoint or sink flush`,
      );
      exit(EXIT.failure);
    }, options.graceMs);
    // The bound must not keep a finished process alive.
    bound.unref();
    void job.stop();
  };
  for (const signal of STOP_SIGNALS) signals.on(signal, handler);
  return () => {
    clearTimeout(bound);
    for (const signal of STOP_SIGNALS) signals.off(signal, handler);
  };
}
