export type JobState =
  'created' | 'starting' | 'running' | 'stopping' | 'stopped' | 'finished' | 'failed' | 'restarting';

export type TerminalState = Extract<JobState, 'stopped' | 'finished' | 'failed'>;

// Every allowed move, as data. `stopping` leads to `finished` too: a bounded job that read all its
// partitions winds down (final checkpoint, flush) like a stopped one.
export const JOB_TRANSITIONS: Readonly<Record<JobState, readonly JobState[]>> = {
  created: ['starting', 'stopped'],
  starting: ['running', 'restarting', 'stopping', 'failed'],
  running: ['stopping', 'restarting', 'failed'],
  restarting: ['starting', 'stopping', 'failed'],
  stopping: ['stopped', 'finished', 'failed'],
  stopped: [],
  finished: [],
  failed: [],
};

export function isTerminal(state: JobState): state is TerminalState {
  return JOB_TRANSITIONS[state].length === 0;
}

/**
 * A job that exists and has not ended: it holds (or is about to hold) connections, and cannot be
 * started, edited or deleted. `created` counts: a start is under way (the app lints before it).
 * `idle` is the app's word for a job that has no run at all.
 */
export function isActiveState(state: JobState | 'idle'): boolean {
  return state !== 'idle' && !isTerminal(state);
}

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: JobState,
    readonly to: JobState,
  ) {
    super(`a job cannot go from "${from}" to "${to}"`);
    this.name = 'IllegalTransitionError';
  }
}

export interface StateChange {
  from: JobState;
  to: JobState;
  at: number;
  reason?: string;
}

/** The job's state with guarded transitions; each change is reported to `onChange`. */
export class JobStateMachine {
  #state: JobState = 'created';

  constructor(private readonly onChange: (change: StateChange) => void) {}

  get state(): JobState {
    return this.#state;
  }

  can(to: JobState): boolean {
    return JOB_TRANSITIONS[this.#state].includes(to);
  }

  transition(to: JobState, reason?: string): void {
    const from = this.#state;
    if (!this.can(to)) throw new IllegalTransitionError(from, to);
    this.#state = to;
    this.onChange({ from, to, at: Date.now(), ...(reason === undefined ? {} : { reason }) });
  }
}
