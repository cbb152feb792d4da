import type { TopicPartition, TopicPartitionOffset } from '../offsets/topic-partition.js';
import type { FetchedBatch } from '../source/fetched-batch.js';
import type { DecodedFields } from '../source/record-decoder.js';
import type { SourceRecord } from '../source/source-record.js';
import type { MappedFields } from '../transform/record-transform.js';

/** A key or value encoded with the Kafka sink's registry schema (null: written as null). */
export type EncodedFields = { key?: Buffer | null; value?: Buffer | null };

/** A record on its way out: the source record, its decoded fields if anything needed them, and what a map replaced. */
export interface SinkRecord {
  source: SourceRecord;
  decoded?: DecodedFields;
  mapped?: MappedFields;
  /** Written instead of the mapped or source field (engine/job/registry-encoding.ts). */
  encoded?: EncodedFields;
}

/** What a sink stores in a checkpoint and gets back on restore. */
export type SinkState = { file: { path: string; size: number } } | { kafka: { transactionalId: string } };

export interface CheckpointCut {
  checkpointId: number;
  /** The next offset of every partition: everything before it has been handed to write(). */
  offsets: TopicPartitionOffset[];
  /** Metadata for offsets committed to the group (see offsets/commit-metadata.ts). */
  commitTag: string;
}

export interface SinkCheckpoint {
  state: SinkState | undefined;
  /** True when the sink committed the cut's offsets to the group itself (inside a transaction). */
  offsetsCommitted: boolean;
}

/** Counts what leaves the engine; the metrics collector implements it. */
export interface OutputMeter {
  recordsOut(topic: string, partition: number, records: number, bytes: number): void;
  sendError(): void;
}

export interface Sink {
  /** `restored`: the sink state of the checkpoint the job resumes from, if any. */
  open(restored: unknown): Promise<void>;
  /**
   * Hands records on. May return before they are durable, but only while the sink's bounded
   * buffer has room: awaiting it is what slows consumption down to the sink's pace.
   */
  write(records: readonly SinkRecord[]): Promise<void>;
  /**
   * The shallow copy path (Kafka sink only): a record batch as fetched, written whole to the
   * source's partition number, in order with write().
   */
  forward?(batch: FetchedBatch, source: TopicPartition): Promise<void>;
  /** Called with no write in progress: make the writes so far durable as the guarantee requires. */
  checkpoint(cut: CheckpointCut): Promise<SinkCheckpoint>;
  /** Graceful end, after a final checkpoint. */
  close(): Promise<void>;
  /** A failed attempt: release everything without making more durable (an open transaction aborts). */
  abort(): Promise<void>;
}
