import { describe, expect, it } from 'vitest';
import { addEvent, fromError, fromState, fromWarning, MAX_EVENTS, type JobEvent } from './job-events';

describe('job events', () => {
  it('keeps an error hint id and says when the job restarts', () => {
    expect(
      fromError({ name: 'j', message: 'leader moved', hintId: 'leader-election', willRestart: true, at: 5 }),
    ).toEqual({ at: 5, level: 'error', message: 'leader moved (restarting)', hintId: 'leader-election' });
    expect(fromError({ name: 'j', message: 'boom', willRestart: false, at: 6 })).toEqual({
      at: 6,
      level: 'error',
      message: 'boom',
    });
  });

  it('describes warnings and state changes', () => {
    expect(fromWarning({ name: 'j', message: 'commit failed', at: 1 })).toMatchObject({ level: 'warning' });
    expect(fromState({ name: 'j', from: 'running', to: 'stopping', at: 2, reason: 'stop requested' }).message).toBe(
      'running → stopping: stop requested',
    );
  });

  it('lists newest first and keeps at most MAX_EVENTS', () => {
    let list: JobEvent[] = [];
    for (let at = 0; at < MAX_EVENTS + 5; at++) list = addEvent(list, { at, level: 'info', message: `e${at}` });
    expect(list).toHaveLength(MAX_EVENTS);
    expect(list[0]?.at).toBe(MAX_EVENTS + 4);
    list = addEvent(list, { at: 100.5, level: 'info', message: 'late' });
    expect(list.findIndex((e) => e.message === 'late')).toBeGreaterThan(0);
  });
});
