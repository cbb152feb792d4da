/** The next offset to read from a partition when the job resumes. */
export interface CheckpointOffsets {
  topic: string;
  partition: number;
  /** Next offset to read. */
  offset: number;
}

/** What a checkpoint holds, in the current format version. */
export interface Checkpoint {
  version: 1;
  jobName: string;
  checkpointId: number;
  /** Milliseconds since epoch. */
  takenAt: number;
  offsets: CheckpointOffsets[];
  /** Every partition discovered so far, including ones not yet read from. */
  partitions: { topic: string; partition: number }[];
  /**
   * Bounded jobs only: where each partition stops (the first offset not read), as resolved when the
   * run started, so a run resumed from here before it finished ends where it would have. A partition
   * in `partitions` but not here is not read at all. Absent in files of unbounded jobs and of Sluice
   * versions before it was added; a bounded job resumed from such a file resolves `stopAt` again.
   */
  stops?: CheckpointOffsets[];
  /**
   * A copy to a sink cluster with another Schema Registry: each source schema id seen so far and the
   * id the sink's registry gave it, so a resumed job rewrites without registering again. Absent
   * otherwise and in files of Sluice versions before it was added.
   */
  schemaIds?: Record<string, number>;
  /** Whatever the sink needs to resume (e.g. a file sink's byte length); opaque here. */
  sink: unknown;
}

export interface CheckpointSummary {
  checkpointId: number;
  /** From the file when valid, else the file's modification time. */
  takenAt: number;
  bytes: number;
  valid: boolean;
  error?: string;
  /** Number of partition offsets, for valid checkpoints. */
  offsetCount?: number;
}
