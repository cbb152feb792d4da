import { EventOutlet, type EventHub } from '../ipc/event-outlet';

/** The part of an Electron Notification this needs; injected so it runs without Electron. */
export interface NotificationLike {
  on(event: 'click' | 'close', listener: () => void): void;
  show(): void;
}

export interface FailureNotifierDeps {
  isSupported(): boolean;
  create(options: { title: string; body: string }): NotificationLike;
  /** The user clicked a notification: bring the window up on that job. */
  openJob(job: string): void;
}

const MAX_BODY = 240;

/**
 * Shows an OS notification whenever a job enters `failed` (the jobs service already emits every
 * state change on the hub). Returns the function that stops listening.
 */
export function notifyJobFailures(hub: EventHub, deps: FailureNotifierDeps): () => void {
  // Electron may garbage-collect a notification nobody references, and its click then goes nowhere.
  const live = new Set<NotificationLike>();
  const outlet = new EventOutlet((channel, payload) => {
    if (channel !== 'jobs:state') return;
    const change = payload as { name: string; to: string; reason?: string };
    if (change.to !== 'failed' || !deps.isSupported()) return;
    const reason = change.reason?.trim() || 'Open the job to see why and what to do next.';
    const notification = deps.create({
      title: `Job "${change.name}" failed`,
      body: reason.length > MAX_BODY ? `${reason.slice(0, MAX_BODY - 1)}…` : reason,
    });
    live.add(notification);
    notification.on('click', () => {
      live.delete(notification);
      deps.openJob(change.name);
    });
    notification.on('close', () => live.delete(notification));
    notification.show();
  });
  outlet.ready();
  return hub.connect(outlet);
}
