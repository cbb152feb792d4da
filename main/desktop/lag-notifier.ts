import { EventOutlet, type EventHub } from '../ipc/event-outlet';
import type { LagChangeEvent } from '../services/lag/lag-args';
import type { NotificationLike } from './failure-notifier';
import { lagNoticeText } from '../services/lag/lag-notice-text';

export interface LagNotifierDeps {
  isSupported(): boolean;
  create(options: { title: string; body: string }): NotificationLike;
  /** The user clicked a notification: bring the window up on that group. */
  openGroup(cluster: string, group: string): void;
}

/**
 * An OS notification when a watched group turns WARN or ERR and when it recovers to OK (the lag
 * service marks a muted group's change `notify: false`). Returns the function that stops listening.
 */
export function notifyLagChanges(hub: EventHub, deps: LagNotifierDeps): () => void {
  // Electron may garbage-collect a notification nobody references, and its click then goes nowhere.
  const live = new Set<NotificationLike>();
  const outlet = new EventOutlet((channel, payload) => {
    if (channel !== 'lag:change') return;
    const change = payload as LagChangeEvent;
    if (!change.notify || !deps.isSupported()) return;
    const notification = deps.create(lagNoticeText(change));
    live.add(notification);
    notification.on('click', () => {
      live.delete(notification);
      deps.openGroup(change.cluster, change.groupId);
    });
    notification.on('close', () => live.delete(notification));
    notification.show();
  });
  outlet.ready();
  return hub.connect(outlet);
}
