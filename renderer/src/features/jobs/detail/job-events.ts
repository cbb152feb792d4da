import type { EventChannels } from '../../../../../main/ipc/contract';

/** One line of a job's event list: a warning, an error (with its hint id), or a state change. */
export interface JobEvent {
  at: number;
  level: 'info' | 'warning' | 'error';
  message: string;
  hintId?: string;
}

export const MAX_EVENTS = 200;

export function fromWarning(w: EventChannels['jobs:warning']): JobEvent {
  return { at: w.at, level: 'warning', message: w.message };
}

export function fromError(e: EventChannels['jobs:error']): JobEvent {
  const message = e.willRestart ? `${e.message} (restarting)` : e.message;
  return { at: e.at, level: 'error', message, ...(e.hintId ? { hintId: e.hintId } : {}) };
}

export function fromState(s: EventChannels['jobs:state']): JobEvent {
  return { at: s.at, level: 'info', message: `${s.from} → ${s.to}${s.reason ? `: ${s.reason}` : ''}` };
}

/** Newest first, at most MAX_EVENTS. */
export function addEvent(list: readonly JobEvent[], event: JobEvent): JobEvent[] {
  return [event, ...list].sort((a, b) => b.at - a.at).slice(0, MAX_EVENTS);
}
