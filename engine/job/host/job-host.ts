// The entry of a job host process: one running job, isolated from the app and from other jobs.
// Started by the app with Node's child_process.fork (browser mode) or Electron's utilityProcess
// (the desktop app); talks to it over the IPC channel that gives it.
import { HostSession } from './host-session.js';
import type { FromHost, ToHost } from './host-protocol.js';
import { parentChannel } from './host-channel.js';

const session = new HostSession(parentChannel<ToHost, FromHost>('job host'), (code) => {
  // Let the last messages leave before the process goes.
  setTimeout(() => process.exit(code), 50);
});
process.on('disconnect', () => void session.orphaned());
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void session.orphaned());
