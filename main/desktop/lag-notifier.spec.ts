import { describe, expect, it } from 'vitest';
import { EventHub } from '../ipc/event-outlet';
import type { NotificationLike } from './failure-notifier';
import { notifyLagChanges } from './lag-notifier';

function setup(supported = true) {
  const hub = new EventHub((m) => {
    throw new Error(m);
  });
  const shown: { title: string; body: string; click: () => void }[] = [];
  const opened: string[] = [];
  notifyLagChanges(hub, {
    isSupported: () => supported,
    create: (options) => {
      const listeners: Record<string, () => void> = {};
      const n: NotificationLike = {
        on: (event, listener) => void (listeners[event] = listener),
        show: () => shown.push({ ...options, click: () => listeners['click']?.() }),
      };
      return n;
    },
    openGroup: (cluster, group) => opened.push(`${cluster}/${group}`),
  });
  const change = (groupId: string, from: 'OK' | 'WARN' | 'ERR' | null, to: 'OK' | 'WARN' | 'ERR', notify = true) =>
    hub.emit('lag:change', {
      cluster: 'prod',
      groupId,
      from,
      to,
      status: to === 'ERR' ? 'STOP' : to,
      at: 1,
      notify,
    });
  return { shown, opened, change };
}

describe('notifyLagChanges', () => {
  it('notifies when a group turns ERR or WARN and when it recovers, and opens the group on click', () => {
    const { shown, opened, change } = setup();
    change('billing', 'OK', 'ERR');
    change('audit', null, 'WARN');
    change('billing', 'ERR', 'OK');
    expect(shown.map((n) => n.title)).toEqual([
      'Group "billing" is in error (STOP)',
      'Group "audit" is lagging (WARN)',
      'Group "billing" recovered',
    ]);
    expect(shown[0]!.body).toBe('Cluster prod: ERR (STOP), was OK. Open the group to see its lag.');
    shown[1]!.click();
    expect(opened).toEqual(['prod/audit']);
  });

  it('stays quiet for a muted group and where the OS has no notifications', () => {
    const muted = setup();
    muted.change('billing', 'OK', 'ERR', false);
    expect(muted.shown).toEqual([]);
    const unsupported = setup(false);
    unsupported.change('billing', 'OK', 'ERR');
    expect(unsupported.shown).toEqual([]);
  });
});
