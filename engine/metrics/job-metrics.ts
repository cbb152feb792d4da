import type { FallbackReason } from '../job/copy-path.js';

/** Per partition. Offsets are undefined until known; none is ever a negative stand-in. */
export interface PartitionMetrics {
  topic: string;
  partition: number;
  /** The next offset the job will read. */
  currentOffset: number | undefined;
  /** The next offset stored in the last checkpoint. */
  checkpointedOffset: number | undefined;
  /** The offset last committed to the consumer group (by this job, or found there at start). */
  committedOffset: number | undefined;
  logStartOffset: number | undefined;
  logEndOffset: number | undefined;
  /** Records between the current offset and the log end. */
  lag: number | undefined;
  /** Bounded jobs: where this partition stops. */
  stopOffset: number | undefined;
  finished: boolean;
  recordsIn: number;
  bytesIn: number;
  recordsOut: number;
  bytesOut: number;
  recordsInPerSecond: number;
  bytesInPerSecond: number;
  recordsOutPerSecond: number;
  bytesOutPerSecond: number;
}

export interface JobMetrics {
  jobName: string;
  state: string;
  /** When this snapshot was taken (ms since epoch). */
  takenAt: number;
  recordsIn: number;
  bytesIn: number;
  recordsOut: number;
  bytesOut: number;
  /** Records the transform's filter dropped. */
  recordsFiltered: number;
  /** Records that did not decode (or a transform failed on), skipped per `onDecodeError: "skip"`. */
  recordsSkipped: number;
  /** Records that did not decode, written to the dead-letter target. */
  recordsDeadLettered: number;
  /** Shallow copy path: record batches forwarded as bytes. */
  batchesForwarded: number;
  /** Shallow copy path: batches decoded record by record instead, by reason (engine/job/copy-path.ts). */
  batchesDecoded: Partial<Record<FallbackReason, number>>;
  recordsInPerSecond: number;
  bytesInPerSecond: number;
  recordsOutPerSecond: number;
  bytesOutPerSecond: number;
  /** Sum of the partitions' lag, when every partition's is known. */
  lag: number | undefined;
  commitsSucceeded: number;
  commitsFailed: number;
  sendErrors: number;
  checkpoints: number;
  lastCheckpointId: number | undefined;
  lastCheckpointAt: number | undefined;
  lastCheckpointDurationMs: number | undefined;
  lastCheckpointBytes: number | undefined;
  restarts: number;
  partitions: PartitionMetrics[];
}
