import type { KafkaMessage } from 'kafkajs';
import Decoder from 'kafkajs/src/protocol/decoder.js';
import decodeBatch from 'kafkajs/src/protocol/recordBatch/v0/decoder.js';
import decodeMessages from 'kafkajs/src/protocol/requests/fetch/v4/decodeMessages.js';

/**
 * Record batches (magic 2) read from a fetch response's record set without decoding the records
 * inside: the header fields and the batch's bytes as they came (a view into the response).
 * kafkajs hands the record set over through the `recordSetDecoder` consumer option, which
 * patches/kafkajs+2.2.4.patch adds (see engine/sink/kafkajs-patch.spec.ts).
 *
 * RecordBatch => baseOffset int64 | batchLength int32 | partitionLeaderEpoch int32 | magic int8 |
 *   crc uint32 | attributes int16 | lastOffsetDelta int32 | baseTimestamp int64 | maxTimestamp int64 |
 *   producerId int64 | producerEpoch int16 | baseSequence int32 | recordCount int32 | records
 */
export const BATCH_OFFSETS = {
  baseOffset: 0,
  batchLength: 8,
  partitionLeaderEpoch: 12,
  magic: 16,
  crc: 17,
  attributes: 21,
  lastOffsetDelta: 23,
  baseTimestamp: 27,
  maxTimestamp: 35,
  producerId: 43,
  producerEpoch: 51,
  baseSequence: 53,
  recordCount: 57,
  records: 61,
} as const;

/** Bytes before batchLength's count starts: baseOffset and batchLength themselves. */
const LOG_OVERHEAD = 12;

export const ATTRIBUTES = {
  compression: 0x07,
  logAppendTime: 0x08,
  transactional: 0x10,
  control: 0x20,
  deleteHorizon: 0x40,
} as const;

export interface FetchedBatch {
  /** The whole batch: header and records (compressed or not), as fetched. */
  bytes: Buffer;
  baseOffset: number;
  lastOffset: number;
  /** Records the batch holds (its header's count). */
  count: number;
  attributes: number;
  maxTimestamp: number;
  producerId: bigint;
  /** Set when the job must step over the batch: a transaction marker, or an aborted transaction's records. */
  skip?: 'control' | 'aborted';
}

/** What kafkajs keeps per fetched batch: its offset is the batch's last, which its bookkeeping needs. */
export type ForwardableMessage = KafkaMessage & { fetchedBatch: FetchedBatch };

export interface AbortedTransaction {
  producerId: string;
  firstOffset: string;
}

export interface RecordSetContext {
  abortedTransactions: AbortedTransaction[];
}

const { decodeRecordSet } = decodeMessages;

/**
 * A fetch response partition's records, for code that sends Fetch requests itself: the patched
 * kafkajs keeps the record set as bytes ({ buffer }) until asked; Fetch v0-v3 decode as they read.
 */
export async function fetchedMessages<M = KafkaMessage>(messages: M[] | { buffer: Buffer }): Promise<M[]> {
  return Array.isArray(messages) ? messages : ((await decodeRecordSet(messages.buffer)) as M[]);
}

/** Every whole batch in a record set; a cut-off batch at the end (the fetch's size limit) is left out. */
export function scanRecordSet(buffer: Buffer): FetchedBatch[] | undefined {
  const batches: FetchedBatch[] = [];
  let at = 0;
  while (at + BATCH_OFFSETS.records <= buffer.length) {
    const size = LOG_OVERHEAD + buffer.readInt32BE(at + BATCH_OFFSETS.batchLength);
    if (buffer.readInt8(at + BATCH_OFFSETS.magic) !== 2) return undefined;
    if (at + size > buffer.length) break;
    const bytes = buffer.subarray(at, at + size);
    const baseOffset = Number(bytes.readBigInt64BE(BATCH_OFFSETS.baseOffset));
    batches.push({
      bytes,
      baseOffset,
      lastOffset: baseOffset + bytes.readInt32BE(BATCH_OFFSETS.lastOffsetDelta),
      count: bytes.readInt32BE(BATCH_OFFSETS.recordCount),
      attributes: bytes.readInt16BE(BATCH_OFFSETS.attributes),
      maxTimestamp: Number(bytes.readBigInt64BE(BATCH_OFFSETS.maxTimestamp)),
      producerId: bytes.readBigInt64BE(BATCH_OFFSETS.producerId),
    });
    at += size;
  }
  return batches;
}

/** Its records, decoded by kafkajs as its consumer would (decompressed, offsets and timestamps absolute). */
export async function decodeFetchedBatch(batch: FetchedBatch): Promise<KafkaMessage[]> {
  return (await decodeBatch(new Decoder(batch.bytes))).records;
}

/** A control batch's record key: version int16, type int16 (0 abort, 1 commit). */
async function isAbortMarker(batch: FetchedBatch): Promise<boolean> {
  const [marker] = await decodeFetchedBatch(batch);
  const key = marker?.key;
  return !!key && key.length >= 4 && key.readInt16BE(2) === 0;
}

/**
 * Marks control batches and the batches of aborted transactions, as Kafka's Java consumer decides
 * them for read_committed: a producer's transaction is aborted from the first offset the fetch
 * response lists for it until its abort marker. (read_uncommitted fetches list none.)
 */
export async function markSkipped(batches: FetchedBatch[], context: RecordSetContext): Promise<void> {
  const aborted = context.abortedTransactions
    .map((t) => ({ producerId: BigInt(t.producerId), firstOffset: Number(t.firstOffset) }))
    .sort((a, b) => a.firstOffset - b.firstOffset);
  const abortedProducers = new Set<bigint>();
  for (const batch of batches) {
    while (aborted.length > 0 && aborted[0]!.firstOffset <= batch.lastOffset)
      abortedProducers.add(aborted.shift()!.producerId);
    if (batch.attributes & ATTRIBUTES.control) {
      batch.skip = 'control';
      if (abortedProducers.has(batch.producerId) && (await isAbortMarker(batch)))
        abortedProducers.delete(batch.producerId);
    } else if (batch.attributes & ATTRIBUTES.transactional && abortedProducers.has(batch.producerId)) {
      batch.skip = 'aborted';
    }
  }
}

/**
 * The consumer's `recordSetDecoder` for the shallow path: one message per batch, carrying it. A
 * record set in the old message formats (magic 0 or 1) is decoded as kafkajs always does.
 */
export async function forwardableRecordSet(buffer: Buffer, context: RecordSetContext): Promise<KafkaMessage[]> {
  if (buffer.length === 0) return [];
  const batches = scanRecordSet(buffer);
  if (!batches) return decodeRecordSet(buffer);
  await markSkipped(batches, context);
  return batches.map(
    (fetchedBatch): ForwardableMessage =>
      ({
        offset: String(fetchedBatch.lastOffset),
        key: null,
        value: null,
        headers: {},
        timestamp: String(fetchedBatch.maxTimestamp),
        attributes: 0,
        // kafkajs filters aborted transactions itself when a message says it is in one; these are
        // marked above, batch by batch, so kafkajs keeps every one.
        batchContext: { producerId: '-1', inTransaction: false },
        isControlRecord: false,
        fetchedBatch,
      }) as ForwardableMessage,
  );
}

export function isForwardable(message: KafkaMessage): message is ForwardableMessage {
  return (message as Partial<ForwardableMessage>).fetchedBatch !== undefined;
}
