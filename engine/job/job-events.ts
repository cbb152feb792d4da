import type { SluiceError } from '../errors/index.js';
import type { HintSummary } from '../hints/observation.js';
import type { JobMetrics } from '../metrics/job-metrics.js';
import type { StartReason } from '../offsets/start-position.js';
import type { TopicPartitionOffset } from '../offsets/topic-partition.js';
import type { StateChange } from './job-state.js';
import type { CopyPath } from './copy-path.js';

export interface StartedEvent {
  /** 1 for the first run, then one more per restart. */
  attempt: number;
  /** The checkpoint the run resumed from, if any. */
  restoredFrom: number | undefined;
  /** Exactly-once: the checkpoint id of group offsets that overrode the checkpoint (see offsets/restore-offsets.ts). */
  transactionalFrom: number | undefined;
  /** Where each partition starts, and why. */
  positions: (TopicPartitionOffset & { reason: StartReason })[];
  /** Kafka sinks: whether this run forwards whole record batches (engine/job/copy-path.ts). */
  copyPath?: CopyPath;
  at: number;
}

export interface CheckpointEvent {
  checkpointId: number;
  takenAt: number;
  durationMs: number;
  bytes: number;
  path: string;
  offsets: TopicPartitionOffset[];
  /** The last one of a graceful stop or a finished bounded job. */
  final: boolean;
}

export interface WarningEvent {
  message: string;
  at: number;
}

export interface ErrorEvent {
  error: SluiceError;
  attempt: number;
  willRestart: boolean;
  /** When willRestart: how long until the next attempt. */
  delayMs?: number;
  /** Why there is no restart. */
  reason?: string;
  at: number;
}

export interface DiscoveryEvent {
  /** Topics newly subscribed (pattern jobs). */
  topics: string[];
  /** New partitions and the offset each starts at (their earliest). */
  partitions: TopicPartitionOffset[];
  at: number;
}

/** The job's troubleshooting hints (engine/hints), all of them, after any changed; throttled. */
export interface HintsEvent {
  hints: HintSummary[];
  at: number;
}

export interface JobEvents {
  state: StateChange;
  started: StartedEvent;
  checkpoint: CheckpointEvent;
  metrics: JobMetrics;
  warning: WarningEvent;
  error: ErrorEvent;
  discovery: DiscoveryEvent;
  hints: HintsEvent;
}
