import type { Kafka } from 'kafkajs';
import { toWireError, type HostConnections } from '../../job/host/host-protocol.js';
import { hostConnections } from '../../job/host/host-session.js';
import type { ParentChannel } from '../../job/host/host-channel.js';
import type { LagCycle, LevelChange, PartitionWindow, TimeRange } from '../lag-status.js';
import type {
  FromLagHost,
  LagHostCall,
  LagHostResults,
  LagSnapshot,
  LagWatchStart,
  ToLagHost,
} from './lag-host-protocol.js';

/** How the lag host talks to the app (a forked process's IPC channel, or Electron's parentPort). */
export type LagHostChannel = ParentChannel<ToLagHost, FromLagHost>;

/** The part of lag-monitor.ts's monitor the host uses. */
export interface MonitorLike {
  start(): void | Promise<void>;
  stop(): Promise<void>;
  seed(groupId: string, windows: PartitionWindow[]): void;
  on(event: 'change', listener: (change: LevelChange) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** The part of lag-history.ts's store the host uses. */
export interface HistoryLike {
  append(cycle: LagCycle): Promise<void>;
  groupSeries(groupId: string, range: TimeRange): Promise<LagHistoryReplyGroups>;
  partitionSeries(groupId: string, range: TimeRange): Promise<LagHistoryReplyPartitions>;
  /** Every group's stored commit windows in one pass (seeding a monitor of thousands of groups). */
  allWindows(windowSize: number): Promise<Map<string, { at: number; windows: PartitionWindow[] }>>;
  maintain(now: number): Promise<unknown>;
  close(): Promise<void>;
}
type LagHistoryReplyGroups = LagHostResults['history']['groups'];
type LagHistoryReplyPartitions = LagHostResults['history']['partitions'];

export interface LagHostDeps {
  createMonitor(options: {
    cluster: string;
    kafka: Kafka;
    intervalMs: number;
    windowSize: number;
    onCycle: (cycle: LagCycle) => Promise<void>;
  }): MonitorLike;
  /**
   * `readOnly`: beside no writer, to read an unwatched cluster's history (no lock, no repair);
   * `onProblem`: a damaged record found while reading.
   */
  openHistory(
    dir: string,
    options: { readOnly?: boolean; onProblem?: (message: string) => void },
  ): Promise<HistoryLike>;
  /** A kafkajs client for the watched cluster, from the profile the app passed. */
  kafkaFor(cluster: string, connections: HostConnections): Promise<{ kafka: Kafka; close(): Promise<void> }>;
}

interface Watched {
  start: LagWatchStart;
  monitor: MonitorLike;
  history: HistoryLike;
  close(): Promise<void>;
  latest: LagSnapshot | undefined;
}

/**
 * The monitors of every watched cluster in one process: each cycle goes to the cluster's history
 * store, the app hears a small note per cycle and every level change, and asks for the latest
 * cycle or a group's history when a page needs them.
 */
export class LagHostSession {
  readonly #channel: LagHostChannel;
  readonly #deps: LagHostDeps;
  readonly #exit: (code: number) => void;
  readonly #watched = new Map<string, Watched>();
  // Calls run one after another: a watch and an unwatch of one cluster must not interleave.
  #queue: Promise<unknown> = Promise.resolve();

  constructor(channel: LagHostChannel, deps: LagHostDeps, exit: (code: number) => void) {
    this.#channel = channel;
    this.#deps = deps;
    this.#exit = exit;
    channel.onMessage((message) => {
      this.#queue = this.#queue.then(() => this.#handle(message));
    });
    channel.send({ kind: 'ready', pid: process.pid });
  }

  /** The app went away: stop every monitor, close every store. */
  async orphaned(): Promise<void> {
    await this.#stopAll();
    this.#exit(0);
  }

  async #handle(message: ToLagHost): Promise<void> {
    try {
      const result = await this.#answer(message);
      this.#channel.send({ kind: 'reply', seq: message.seq, ...(result === undefined ? {} : { result }) });
    } catch (error) {
      this.#channel.send({ kind: 'reply', seq: message.seq, error: toWireError(error) });
    }
    if (message.call === 'stop') this.#exit(0);
  }

  async #answer(message: LagHostCall): Promise<LagHostResults[LagHostCall['call']]> {
    switch (message.call) {
      case 'watch':
        return this.#watch(message.watch);
      case 'unwatch':
        return this.#unwatch(message.cluster);
      case 'snapshot':
        return this.#watched.get(message.cluster)?.latest;
      case 'history':
        return this.#history(message.cluster, message.historyDir, message.group, message.range);
      case 'maintain':
        for (const w of this.#watched.values()) await w.history.maintain(message.now);
        return;
      case 'stop':
        return this.#stopAll();
    }
  }

  async #watch(start: LagWatchStart): Promise<void> {
    await this.#unwatch(start.cluster);
    const history = await this.#deps.openHistory(start.historyDir, {
      onProblem: (message) => this.#channel.send({ kind: 'error', cluster: start.cluster, message }),
    });
    let client: { kafka: Kafka; close(): Promise<void> };
    try {
      client = await this.#deps.kafkaFor(start.cluster, start.connections);
    } catch (error) {
      await history.close();
      throw error;
    }
    const watched: Watched = {
      start,
      history,
      latest: undefined,
      close: () => client.close(),
      monitor: this.#deps.createMonitor({
        cluster: start.cluster,
        kafka: client.kafka,
        intervalMs: start.intervalMs,
        windowSize: start.windowSize,
        onCycle: async (cycle) => {
          // Stored first: whatever the console then shows of this cycle is in the history too.
          try {
            await history.append(cycle);
          } finally {
            watched.latest = { cluster: cycle.cluster, at: cycle.at, groups: cycle.groups };
            this.#channel.send({
              kind: 'cycle',
              cluster: cycle.cluster,
              at: cycle.at,
              groups: cycle.groups.length,
              durationMs: cycle.cost.durationMs,
            });
          }
        },
      }),
    };
    // A restarted console judges from the commits it stored, not from an empty window.
    for (const [group, stored] of await history.allWindows(start.windowSize))
      watched.monitor.seed(group, stored.windows);
    watched.monitor.on('change', (change) => this.#channel.send({ kind: 'change', change }));
    watched.monitor.on('error', (error) =>
      this.#channel.send({ kind: 'error', cluster: start.cluster, message: error.message }),
    );
    this.#watched.set(start.cluster, watched);
    await watched.monitor.start();
  }

  async #unwatch(cluster: string): Promise<void> {
    const watched = this.#watched.get(cluster);
    if (!watched) return;
    this.#watched.delete(cluster);
    await watched.monitor.stop().catch(() => undefined);
    await watched.history.close().catch(() => undefined);
    await watched.close().catch(() => undefined);
  }

  async #history(cluster: string, dir: string, group: string, range: TimeRange) {
    const watched = this.#watched.get(cluster);
    // An unwatched cluster's history stays readable: open it for this answer only.
    const history = watched?.history ?? (await this.#deps.openHistory(dir, { readOnly: true }));
    try {
      return {
        groups: await history.groupSeries(group, range),
        partitions: await history.partitionSeries(group, range),
      };
    } finally {
      if (!watched) await history.close();
    }
  }

  async #stopAll(): Promise<void> {
    for (const cluster of [...this.#watched.keys()]) await this.#unwatch(cluster);
  }
}

/** The watched cluster's connection as a job host resolves it (TLS, SASL, SSH tunnel). */
export function resolveHostCluster(cluster: string, connections: HostConnections) {
  const pool = hostConnections(connections);
  return { pool, connection: pool.resolve(cluster) };
}
