import type { HostConnections, WireError } from '../../job/host/host-protocol.js';
import type {
  GroupEvaluation,
  GroupHistoryPoint,
  LevelChange,
  PartitionHistoryPoint,
  TimeRange,
} from '../lag-status.js';

// The messages between the app and the lag host: the one process every watched cluster's monitor
// runs in (engine/lag/host/lag-host.ts), so a cycle over thousands of groups never runs on the
// thread that answers the console. Calls carry a sequence id and are answered once.

export interface LagWatchStart {
  cluster: string;
  /** The cluster's profile and its stored secrets, as a job host gets them. */
  connections: HostConnections;
  intervalMs: number;
  windowSize: number;
  /** `<data dir>/lag/<cluster>/`: the cluster's history store. */
  historyDir: string;
}

/** The latest cycle of a watched cluster, as the console shows it. */
export interface LagSnapshot {
  cluster: string;
  at: number;
  groups: GroupEvaluation[];
}

export interface LagHistoryReply {
  groups: GroupHistoryPoint[];
  partitions: PartitionHistoryPoint[];
}

export type LagHostCall =
  | { call: 'watch'; watch: LagWatchStart }
  | { call: 'unwatch'; cluster: string }
  | { call: 'snapshot'; cluster: string }
  | { call: 'history'; cluster: string; historyDir: string; group: string; range: TimeRange }
  | { call: 'maintain'; now: number }
  | { call: 'stop' };

/** What each call answers. */
export interface LagHostResults {
  watch: void;
  unwatch: void;
  snapshot: LagSnapshot | undefined;
  history: LagHistoryReply;
  maintain: void;
  stop: void;
}

export type ToLagHost = LagHostCall & { seq: number };

export type FromLagHost =
  | { kind: 'ready'; pid: number }
  | { kind: 'reply'; seq: number; result?: unknown; error?: WireError }
  | { kind: 'cycle'; cluster: string; at: number; groups: number; durationMs: number }
  | { kind: 'change'; change: LevelChange }
  | { kind: 'error'; cluster: string; message: string };
