import { crc32c } from '@node-rs/crc32';
import { describe, expect, it } from 'vitest';
import { BATCH_OFFSETS, decodeFetchedBatch, scanRecordSet } from '../source/fetched-batch.js';
import { encodeBatch } from '../source/record-batch-fixture.js';
import { forwardedMessage, rewriteForProducer } from './forwarded-batch.js';

const source = () =>
  encodeBatch({
    baseOffset: 5_000,
    compression: 'GZIP',
    producerId: 77n,
    producerEpoch: 4,
    baseSequence: 900,
    flags: 0x10,
    records: [
      { key: Buffer.from('a'), value: Buffer.from([0, 1, 2]), headers: { bin: Buffer.from([255]) }, timestamp: 1_000 },
      { key: null, value: null, timestamp: 3_000 },
    ],
  });

const header = (bytes: Buffer) => ({
  baseOffset: bytes.readBigInt64BE(BATCH_OFFSETS.baseOffset),
  leaderEpoch: bytes.readInt32BE(BATCH_OFFSETS.partitionLeaderEpoch),
  attributes: bytes.readInt16BE(BATCH_OFFSETS.attributes),
  producerId: bytes.readBigInt64BE(BATCH_OFFSETS.producerId),
  producerEpoch: bytes.readInt16BE(BATCH_OFFSETS.producerEpoch),
  baseSequence: bytes.readInt32BE(BATCH_OFFSETS.baseSequence),
  crcValid: bytes.readUInt32BE(BATCH_OFFSETS.crc) === crc32c(bytes.subarray(BATCH_OFFSETS.attributes)),
});

describe('rewriteForProducer', () => {
  it('writes the producer fields and a valid CRC, and keeps every record byte for byte', async () => {
    const bytes = await source();
    const before = await decodeFetchedBatch(scanRecordSet(Buffer.from(bytes))![0]!);
    const records = Buffer.from(bytes.subarray(BATCH_OFFSETS.lastOffsetDelta + 4 + 16, BATCH_OFFSETS.producerId));
    rewriteForProducer(bytes, {
      producerId: '123456789012',
      producerEpoch: 2,
      firstSequence: 40,
      transactional: false,
    });
    expect(header(bytes)).toEqual({
      baseOffset: 0n,
      leaderEpoch: -1,
      attributes: 1, // gzip, no longer transactional
      producerId: 123_456_789_012n,
      producerEpoch: 2,
      baseSequence: 40,
      crcValid: true,
    });
    // The timestamps stay; the records decode to what they were, shifted to base offset 0.
    expect(bytes.subarray(BATCH_OFFSETS.lastOffsetDelta + 4 + 16, BATCH_OFFSETS.producerId)).toEqual(records);
    const after = await decodeFetchedBatch(scanRecordSet(bytes)![0]!);
    const fields = ({ offset, key, value, headers, timestamp }: (typeof before)[number]) => ({
      offset: Number(offset),
      key,
      value,
      headers,
      timestamp,
    });
    expect(after.map(fields)).toEqual(before.map((m) => ({ ...fields(m), offset: Number(m.offset) - 5_000 })));
  });

  it('sets the transactional flag for a transactional producer', async () => {
    const bytes = rewriteForProducer(await source(), {
      producerId: 9,
      producerEpoch: 0,
      firstSequence: 0,
      transactional: true,
    });
    expect(header(bytes).attributes).toBe(0x10 | 1);
    expect(header(bytes).crcValid).toBe(true);
  });

  it('writes no producer id, epoch or sequence for a producer that is not idempotent', async () => {
    const bytes = rewriteForProducer(await source(), {
      producerId: -1,
      producerEpoch: 0,
      firstSequence: 0,
      transactional: false,
    });
    expect(header(bytes)).toMatchObject({ producerId: -1n, producerEpoch: -1, baseSequence: -1, crcValid: true });
  });
});

describe('forwardedMessage', () => {
  it('carries the record count for the producer sequence and targets the source partition', async () => {
    const batch = scanRecordSet(await source())![0]!;
    const message = forwardedMessage(batch, 3);
    expect(message.partition).toBe(3);
    expect(message.value).toBeNull();
    expect(message.recordBatch.count).toBe(2);
  });
});
