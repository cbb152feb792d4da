import { describe, expect, it } from 'vitest';
import {
  ATTRIBUTES,
  decodeFetchedBatch,
  forwardableRecordSet,
  isForwardable,
  markSkipped,
  scanRecordSet,
} from './fetched-batch.js';
import { controlBatch, encodeBatch, type FixtureRecord } from './record-batch-fixture.js';

const records = (n: number, at = 1_700_000_000_000): FixtureRecord[] =>
  Array.from({ length: n }, (_, i) => ({
    key: i % 3 === 0 ? null : Buffer.from(`k${i}`),
    value: i % 4 === 0 ? null : Buffer.from([i, 0, 255 - i]),
    headers: { h: Buffer.from([0, i]) },
    timestamp: at + i * 10,
  }));

describe('scanRecordSet', () => {
  it('reads every whole batch header without decoding records, and leaves out a cut-off tail', async () => {
    const first = await encodeBatch({ baseOffset: 100, records: records(3) });
    const second = await encodeBatch({ baseOffset: 103, records: records(5, 1_800_000_000_000), compression: 'GZIP' });
    const set = Buffer.concat([first, second, second.subarray(0, 70)]);
    const batches = scanRecordSet(set)!;
    expect(batches.map((b) => [b.baseOffset, b.lastOffset, b.count, b.maxTimestamp])).toEqual([
      [100, 102, 3, 1_700_000_000_020],
      [103, 107, 5, 1_800_000_000_040],
    ]);
    expect(batches[1]!.attributes & ATTRIBUTES.compression).toBe(1); // gzip
    expect(batches[0]!.bytes).toEqual(first);
    expect(batches[1]!.bytes).toEqual(second);
    const decoded = await decodeFetchedBatch(batches[1]!);
    expect(decoded.map((m) => m.offset)).toEqual(['103', '104', '105', '106', '107']);
    expect(decoded[1]!.value).toEqual(Buffer.from([1, 0, 254]));
  });

  it('gives up on the old message formats (magic 0 and 1)', async () => {
    const batch = await encodeBatch({ baseOffset: 0, records: records(2) });
    batch.writeInt8(1, 16);
    expect(scanRecordSet(batch)).toBeUndefined();
  });
});

describe('markSkipped (read_committed)', () => {
  it('skips an aborted transaction up to its marker, and every control batch, as the Java consumer does', async () => {
    const pidA = 7n;
    const pidB = 9n;
    const set = Buffer.concat([
      await encodeBatch({ baseOffset: 0, records: records(2) }), // plain
      await encodeBatch({
        baseOffset: 2,
        records: records(2),
        producerId: pidA,
        producerEpoch: 0,
        baseSequence: 0,
        flags: 0x10,
      }),
      await encodeBatch({
        baseOffset: 4,
        records: records(2),
        producerId: pidB,
        producerEpoch: 0,
        baseSequence: 0,
        flags: 0x10,
      }),
      await controlBatch(6, pidA, 'abort'),
      await encodeBatch({
        baseOffset: 7,
        records: records(1),
        producerId: pidB,
        producerEpoch: 0,
        baseSequence: 2,
        flags: 0x10,
      }),
      await controlBatch(8, pidB, 'commit'),
      await encodeBatch({
        baseOffset: 9,
        records: records(2),
        producerId: pidA,
        producerEpoch: 0,
        baseSequence: 2,
        flags: 0x10,
      }),
      await controlBatch(11, pidA, 'commit'),
    ]);
    const batches = scanRecordSet(set)!;
    await markSkipped(batches, { abortedTransactions: [{ producerId: '7', firstOffset: '2' }] });
    expect(batches.map((b) => [b.baseOffset, b.skip])).toEqual([
      [0, undefined],
      [2, 'aborted'],
      [4, undefined],
      [6, 'control'],
      [7, undefined],
      [8, 'control'],
      [9, undefined], // A's next transaction committed
      [11, 'control'],
    ]);
  });

  it('keeps transactional batches when the fetch lists no aborted transaction (read_uncommitted)', async () => {
    const set = Buffer.concat([
      await encodeBatch({
        baseOffset: 0,
        records: records(2),
        producerId: 3n,
        producerEpoch: 0,
        baseSequence: 0,
        flags: 0x10,
      }),
      await controlBatch(2, 3n, 'abort'),
    ]);
    const batches = scanRecordSet(set)!;
    await markSkipped(batches, { abortedTransactions: [] });
    expect(batches.map((b) => b.skip)).toEqual([undefined, 'control']);
  });
});

describe('forwardableRecordSet', () => {
  it('hands kafkajs one message per batch, at the batch last offset', async () => {
    const set = Buffer.concat([
      await encodeBatch({ baseOffset: 10, records: records(4) }),
      await encodeBatch({ baseOffset: 14, records: records(2) }),
    ]);
    const messages = await forwardableRecordSet(set, { abortedTransactions: [] });
    expect(messages.map((m) => m.offset)).toEqual(['13', '15']);
    expect(messages.every(isForwardable)).toBe(true);
    expect(await forwardableRecordSet(Buffer.alloc(0), { abortedTransactions: [] })).toEqual([]);
  });
});
