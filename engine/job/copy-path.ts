import type { JobSpec, RecordFormat } from '../spec/index.js';
import { isRegistryFormat } from '../spec/index.js';

/**
 * How a Kafka-to-Kafka job moves records. `shallow`: whole record batches are forwarded as bytes,
 * never decoded (compressed batches stay compressed); only the producer fields and the CRC are
 * rewritten. `record`: every record is decoded into an object and encoded again by the producer.
 */
export type CopyPathKind = 'shallow' | 'record';

/** One thing in a job that needs the records themselves, so it cannot use the shallow path. */
export interface CopyPathBlocker {
  /** The spec field at fault, as a JSON path (`sink.partitioner`), or `sink.topic` for the partition count. */
  field: string;
  /** Why it needs records, and what would let the job copy shallow. */
  reason: string;
}

export type CopyPath = { kind: 'shallow' } | { kind: 'record'; blockers: CopyPathBlocker[] };

/** Where a shallow job fell back to decoding, batch by batch (see engine/source/record-batches.ts). */
export type FallbackReason =
  /** The batch starts before the job's start offset or ends after its stop offset. */
  | 'partial-batch'
  /** A message set of the old formats (magic 0 or 1), written before Kafka 0.11. */
  | 'old-format'
  /** Compaction left gaps in the batch's offsets; a producer may not write such a batch. */
  | 'compacted'
  /** The source topic stamps log-append time; the record's timestamp is the batch's. */
  | 'log-append-time';

const passThrough = (format: RecordFormat): boolean => format === 'bytes' || format === 'string';

/**
 * What the spec alone says (lint, editor, `sluice run` before connecting). The run adds what only
 * the clusters know (`withPartitionCounts`).
 */
export function copyPathOf(spec: JobSpec): CopyPath {
  const sink = spec.sink;
  if (sink.type !== 'kafka') {
    return {
      kind: 'record',
      blockers: [{ field: 'sink.type', reason: `a ${sink.type} sink writes records, not batches` }],
    };
  }
  const blockers: CopyPathBlocker[] = [];
  if (spec.transform?.filter)
    blockers.push({
      field: 'transform.filter',
      reason: 'a filter reads every record; remove it to copy batches whole',
    });
  if (spec.transform?.map)
    blockers.push({ field: 'transform.map', reason: 'a map rewrites every record; remove it to copy batches whole' });
  for (const [field, format] of [
    ['source.keyFormat', spec.source.keyFormat],
    ['source.valueFormat', spec.source.valueFormat],
  ] as const) {
    if (passThrough(format)) continue;
    blockers.push({
      field,
      reason: isRegistryFormat(format)
        ? `"${format}" decodes every record with its schema; use "bytes" to copy the framed bytes as they are`
        : `"${format}" checks that every record parses; use "bytes" or "string" to copy without checking`,
    });
  }
  if (sink.keySchema)
    blockers.push({ field: 'sink.keySchema', reason: 'encoding keys with a schema needs every record' });
  if (sink.valueSchema)
    blockers.push({ field: 'sink.valueSchema', reason: 'encoding values with a schema needs every record' });
  if (sink.key === 'none') blockers.push({ field: 'sink.key', reason: '"none" drops every key; use "source"' });
  if (sink.partitioner !== 'source-partition')
    blockers.push({
      field: 'sink.partitioner',
      reason: `"${sink.partitioner}" picks each record's partition; "source-partition" keeps batches whole`,
    });
  if (!sink.writeTimestamp)
    blockers.push({
      field: 'sink.writeTimestamp',
      reason: 'false stamps records with the time of sending; true keeps the source timestamps, as batches do',
    });
  if (sink.compression !== 'none')
    blockers.push({
      field: 'sink.compression',
      reason: `"${sink.compression}" compresses every batch again; "none" keeps each batch's own compression`,
    });
  return blockers.length === 0 ? { kind: 'shallow' } : { kind: 'record', blockers };
}

/** The sink topic needs a partition for every source partition number. */
export function withPartitionCounts(
  path: CopyPath,
  sourcePartitions: number,
  sinkPartitions: number,
  sinkTopic: string,
): CopyPath {
  if (path.kind === 'record' || sinkPartitions >= sourcePartitions) return path;
  return {
    kind: 'record',
    blockers: [
      {
        field: 'sink.topic',
        reason: `"${sinkTopic}" has ${sinkPartitions} partitions and the source ${sourcePartitions}; it needs at least as many`,
      },
    ],
  };
}

/** One line for logs and the CLI: `shallow` or `record (sink.partitioner: ...; ...)`. */
export function describeCopyPath(path: CopyPath): string {
  if (path.kind === 'shallow') return 'shallow: record batches forwarded as bytes';
  return `record by record (${path.blockers.map((b) => `${b.field}: ${b.reason}`).join('; ')})`;
}
