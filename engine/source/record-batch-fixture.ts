import { createRequire } from 'node:module';
import { crc32c } from '@node-rs/crc32';
import { BATCH_OFFSETS } from './fetched-batch.js';

// For unit specs: record batches as a producer writes them, encoded by kafkajs's own encoder
// (compressed when asked), with the header fields a spec needs set afterwards (CRC kept valid).

const require = createRequire(import.meta.url);
const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0/index.js') as {
  RecordBatch: (args: Record<string, unknown>) => Promise<{ buffer: Buffer }>;
};
const Record = require('kafkajs/src/protocol/recordBatch/record/v0/index.js') as (
  args: Record<string, unknown>,
) => unknown;
const { CompressionTypes } = require('kafkajs') as { CompressionTypes: Record<string, number> };

export interface FixtureRecord {
  key: Buffer | null;
  value: Buffer | null;
  headers?: Record<string, Buffer>;
  timestamp: number;
}

export interface FixtureBatch {
  baseOffset: number;
  records: FixtureRecord[];
  compression?: 'None' | 'GZIP';
  producerId?: bigint;
  producerEpoch?: number;
  baseSequence?: number;
  /** OR-ed into the attributes: transactional 0x10, control 0x20, log-append time 0x08. */
  flags?: number;
  /** Offset deltas of the records (compaction leaves gaps); default 0, 1, 2... */
  offsetDeltas?: number[];
}

export async function encodeBatch(batch: FixtureBatch): Promise<Buffer> {
  const first = batch.records[0]?.timestamp ?? 0;
  const deltas = batch.offsetDeltas ?? batch.records.map((_, i) => i);
  const encoded = await RecordBatch({
    compression: CompressionTypes[batch.compression ?? 'None'],
    firstOffset: String(batch.baseOffset),
    firstTimestamp: first,
    maxTimestamp: Math.max(first, ...batch.records.map((r) => r.timestamp)),
    lastOffsetDelta: deltas[deltas.length - 1] ?? 0,
    producerId: String(batch.producerId ?? -1n),
    producerEpoch: batch.producerEpoch ?? -1,
    firstSequence: batch.baseSequence ?? -1,
    records: batch.records.map((r, i) =>
      Record({
        key: r.key,
        value: r.value,
        headers: r.headers ?? {},
        offsetDelta: deltas[i],
        timestampDelta: r.timestamp - first,
      }),
    ),
  });
  // baseOffset, then the rest as Bytes (its length is the batch length): the wire format.
  const bytes = Buffer.from(encoded.buffer);
  if (batch.flags) {
    const attributes = bytes.readInt16BE(BATCH_OFFSETS.attributes) | batch.flags;
    bytes.writeInt16BE(attributes, BATCH_OFFSETS.attributes);
  }
  bytes.writeUInt32BE(crc32c(bytes.subarray(BATCH_OFFSETS.attributes)), BATCH_OFFSETS.crc);
  return bytes;
}

/** A transaction marker as the broker writes it: one record whose key is version 0 and type 0 (abort) or 1 (commit). */
export function controlBatch(baseOffset: number, producerId: bigint, type: 'abort' | 'commit'): Promise<Buffer> {
  const key = Buffer.from([0, 0, 0, type === 'abort' ? 0 : 1]);
  return encodeBatch({
    baseOffset,
    producerId,
    producerEpoch: 0,
    flags: 0x10 | 0x20,
    records: [{ key, value: Buffer.from([0, 0, 0, 0, 0, 0]), timestamp: 1 }],
  });
}
