import { describe, expect, it } from 'vitest';
import { EventHub } from '../ipc/event-outlet';
import { notifyJobFailures, type NotificationLike } from './failure-notifier';

function setup(supported = true) {
  const hub = new EventHub((m) => {
    throw new Error(m);
  });
  const shown: { title: string; body: string; click: () => void }[] = [];
  const opened: string[] = [];
  const stop = notifyJobFailures(hub, {
    isSupported: () => supported,
    create: (options) => {
      const listeners: Record<string, () => void> = {};
      const n: NotificationLike = {
        on: (event, listener) => void (listeners[event] = listener),
        show: () => shown.push({ ...options, click: () => listeners['click']?.() }),
      };
      return n;
    },
    openJob: (job) => opened.push(job),
  });
  const state = (name: string, from: string, to: string, reason?: string) =>
    hub.emit('jobs:state', { name, from, to, at: 1, ...(reason ? { reason } : {}) } as never);
  return { hub, shown, opened, stop, state };
}

describe('notifyJobFailures', () => {
  it('notifies when a job enters failed, and opens that job on click', () => {
    const { shown, opened, state } = setup();
    state('copy', 'created', 'running');
    state('copy', 'running', 'failed', 'broker 127.0.0.1:9092 unreachable');
    state('copy', 'failed', 'stopped');
    expect(shown.map(({ title, body }) => ({ title, body }))).toEqual([
      { title: 'Job "copy" failed', body: 'broker 127.0.0.1:9092 unreachable' },
    ]);
    shown[0]!.click();
    expect(opened).toEqual(['copy']);
  });

  it('says what to do when the failure came without a reason, and shortens long ones', () => {
    const { shown, state } = setup();
    state('a', 'running', 'failed');
    state('b', 'running', 'failed', 'x'.repeat(500));
    expect(shown[0]!.body).toBe('Open the job to see why and what to do next.');
    expect(shown[1]!.body).toHaveLength(240);
    expect(shown[1]!.body.endsWith('…')).toBe(true);
  });

  it('stays quiet where notifications are unsupported, and after it is stopped', () => {
    const quiet = setup(false);
    quiet.state('a', 'running', 'failed');
    expect(quiet.shown).toEqual([]);
    const stopped = setup();
    stopped.stop();
    stopped.state('a', 'running', 'failed');
    expect(stopped.shown).toEqual([]);
  });
});
