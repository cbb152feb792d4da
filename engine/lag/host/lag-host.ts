// The entry of the lag host process: every watched cluster's monitor, off the console's thread.
// Started by the app with Node's child_process.fork (browser mode) or Electron's utilityProcess
// (the desktop app), like a job host; talks to it over the IPC channel that gives it.
import { createKafka } from '../../job/kafka-clients.js';
import { silentLogger } from '../../job/logger.js';
import { createLagMonitor } from '../lag-monitor.js';
import { openLagHistory } from '../lag-history.js';
import type { FromLagHost, ToLagHost } from './lag-host-protocol.js';
import { LagHostSession, resolveHostCluster, type LagHostChannel } from './lag-host-session.js';

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

function channel(): LagHostChannel {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return {
      send: (message: FromLagHost) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data as ToLagHost)),
    };
  }
  if (process.send) {
    return {
      send: (message: FromLagHost) => void process.send?.(message),
      onMessage: (listener) => process.on('message', (message) => listener(message as ToLagHost)),
    };
  }
  console.error('sluice lag host: start it from the Sluice app; it has no channel to the app here');
  process.exit(2);
}

const session = new LagHostSession(
  channel(),
  {
    createMonitor: (options) => createLagMonitor(options),
    openHistory: (dir, options) => openLagHistory(dir, options),
    kafkaFor: async (cluster, connections) => {
      const { pool, connection } = resolveHostCluster(cluster, connections);
      return { kafka: createKafka(await connection, 'lag-monitor', silentLogger), close: () => pool.close() };
    },
  },
  (code) => setTimeout(() => process.exit(code), 50),
);
process.on('disconnect', () => void session.orphaned());
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void session.orphaned());
