import type { KafkaMessage } from 'kafkajs';
import type { FallbackReason } from '../job/copy-path.js';
import { ATTRIBUTES, decodeFetchedBatch, isForwardable, type FetchedBatch } from './fetched-batch.js';
import type { PartitionPosition } from './partition-tracker.js';
import { toSourceRecord, type SourceRecord } from './source-record.js';

/** In fetch order: whole batches to forward as bytes, and records decoded where a batch cannot be. */
export type ShallowPart =
  { kind: 'batch'; batch: FetchedBatch } | { kind: 'records'; records: SourceRecord[]; reason: FallbackReason };

/** Why this batch must be decoded, or undefined when it can be forwarded whole. */
export function fallbackReason(
  batch: FetchedBatch,
  next: number,
  stop: number | undefined,
): FallbackReason | undefined {
  if (batch.baseOffset < next || (stop !== undefined && batch.lastOffset >= stop)) return 'partial-batch';
  // A producer must send a batch whose count matches its offset range (Kafka checks it).
  if (batch.count !== batch.lastOffset - batch.baseOffset + 1 || batch.attributes & ATTRIBUTES.deleteHorizon)
    return 'compacted';
  if (batch.attributes & ATTRIBUTES.logAppendTime) return 'log-append-time';
  return undefined;
}

/**
 * The part of one fetch (kafkajs's batch: every record batch of a partition in the response) the
 * engine has not processed: batches before the tracked offset, transaction markers and aborted
 * transactions are stepped over; batches that straddle the start or stop offset are decoded and
 * cut there, as the record path would.
 */
export async function selectShallow(
  topic: string,
  partition: number,
  messages: readonly KafkaMessage[],
  position: PartitionPosition,
): Promise<ShallowPart[]> {
  const stop = position.stop?.kind === 'at' ? position.stop.offset : undefined;
  const wanted = (offset: number) => offset >= position.next && (stop === undefined || offset < stop);
  const parts: ShallowPart[] = [];
  const addRecords = (records: SourceRecord[], reason: FallbackReason) => {
    if (records.length > 0) parts.push({ kind: 'records', records, reason });
  };
  for (const message of messages) {
    if (!isForwardable(message)) {
      // A record of the old message formats, decoded by kafkajs.
      if (wanted(Number(message.offset))) addRecords([toSourceRecord(topic, partition, message)], 'old-format');
      continue;
    }
    const batch = message.fetchedBatch;
    if (batch.lastOffset < position.next || batch.skip) continue;
    if (stop !== undefined && batch.baseOffset >= stop) break;
    const reason = fallbackReason(batch, position.next, stop);
    if (reason === undefined) {
      parts.push({ kind: 'batch', batch });
      continue;
    }
    const records = (await decodeFetchedBatch(batch))
      .filter((m) => wanted(Number(m.offset)))
      .map((m) => toSourceRecord(topic, partition, m));
    addRecords(records, reason);
  }
  return mergeRecordParts(parts);
}

/** Old-format records arrive one by one; hand them on together. */
function mergeRecordParts(parts: ShallowPart[]): ShallowPart[] {
  const merged: ShallowPart[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (
      part.kind === 'records' &&
      part.reason === 'old-format' &&
      last?.kind === 'records' &&
      last.reason === 'old-format'
    )
      last.records.push(...part.records);
    else merged.push(part);
  }
  return merged;
}
