// The entry of a job host process: one running job, isolated from the app and from other jobs.
// Started by the app with Node's child_process.fork (browser mode) or Electron's utilityProcess
// (the desktop app); talks to it over the IPC channel that gives it.
import { HostSession, type HostChannel } from './host-session.js';
import type { FromHost, ToHost } from './host-protocol.js';

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

function channel(): HostChannel {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return {
      send: (message: FromHost) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data as ToHost)),
    };
  }
  if (process.send) {
    return {
      send: (message: FromHost) => void process.send?.(message),
      onMessage: (listener) => process.on('message', (message) => listener(message as ToHost)),
    };
  }
  console.error('sluice job host: start it from the Sluice app; it has no channel to the app here');
  process.exit(2);
}

const session = new HostSession(channel(), (code) => {
  // Let the last messages leave before the process goes.
  setTimeout(() => process.exit(code), 50);
});
process.on('disconnect', () => void session.orphaned());
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void session.orphaned());
