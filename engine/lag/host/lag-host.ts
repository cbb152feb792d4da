// The entry of the lag host process: every watched cluster's monitor, off the console's thread.
// Started by the app with Node's child_process.fork (browser mode) or Electron's utilityProcess
// (the desktop app), like a job host; talks to it over the IPC channel that gives it.
import { createKafka } from '../../job/kafka-clients.js';
import { silentLogger } from '../../job/logger.js';
import { createLagMonitor } from '../lag-monitor.js';
import { openLagHistory } from '../lag-history.js';
import type { FromLagHost, ToLagHost } from './lag-host-protocol.js';
import { LagHostSession, resolveHostCluster } from './lag-host-session.js';
import { parentChannel } from '../../job/host/host-channel.js';

const session = new LagHostSession(
  parentChannel<ToLagHost, FromLagHost>('lag host'),
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
