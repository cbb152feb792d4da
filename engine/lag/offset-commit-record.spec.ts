import { describe, expect, it } from 'vitest';
import { decodeOffsetCommit, OffsetCommitDecodeError } from './offset-commit-record.js';

// Records built byte by byte as Kafka's group coordinator writes them (OffsetCommitKey and
// OffsetCommitValue in Kafka's group-coordinator message definitions).

const int16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const int64 = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt(n));
  return b;
};
const str = (s: string) => Buffer.concat([int16(Buffer.byteLength(s)), Buffer.from(s)]);
const compactStr = (s: string) => Buffer.concat([Buffer.from([Buffer.byteLength(s) + 1]), Buffer.from(s)]);

const key = (version: number) => Buffer.concat([int16(version), str('orders-app'), str('orders'), int32(3)]);
const COMMITTED_AT = 1_765_000_000_123;

const values: Record<number, Buffer> = {
  0: Buffer.concat([int16(0), int64(42), str('meta'), int64(COMMITTED_AT)]),
  1: Buffer.concat([int16(1), int64(42), str('meta'), int64(COMMITTED_AT), int64(COMMITTED_AT + 86_400_000)]),
  2: Buffer.concat([int16(2), int64(42), str(''), int64(COMMITTED_AT)]),
  3: Buffer.concat([int16(3), int64(42), int32(7), str('meta'), int64(COMMITTED_AT)]),
  4: Buffer.concat([int16(4), int64(42), int32(-1), compactStr('meta'), int64(COMMITTED_AT), Buffer.from([0])]),
};

describe('decodeOffsetCommit', () => {
  for (const keyVersion of [0, 1]) {
    for (const [valueVersion, value] of Object.entries(values)) {
      it(`reads key v${keyVersion} with value v${valueVersion}`, () => {
        expect(decodeOffsetCommit(key(keyVersion), value)).toEqual({
          groupId: 'orders-app',
          topic: 'orders',
          partition: 3,
          offset: 42,
          commitTimestamp: COMMITTED_AT,
        });
      });
    }
  }

  it('reads a tombstone (offset deleted) as no offset', () => {
    expect(decodeOffsetCommit(key(1), null)).toMatchObject({
      groupId: 'orders-app',
      offset: null,
      commitTimestamp: null,
    });
  });

  it('skips group metadata (key v2) and the records of Kafka 4 groups (key v3 and up)', () => {
    const groupKey = Buffer.concat([int16(2), str('orders-app')]);
    expect(decodeOffsetCommit(groupKey, Buffer.from([0, 3]))).toBeNull();
    for (const version of [3, 4, 5, 6, 7, 8, 9, 10])
      expect(decodeOffsetCommit(groupKey.fill(version, 1, 2), null)).toBeNull();
    expect(decodeOffsetCommit(null, null)).toBeNull();
  });

  it('names a value version it does not know and a truncated record', () => {
    expect(() => decodeOffsetCommit(key(1), Buffer.concat([int16(9), int64(1)]))).toThrow(
      /group "orders-app" orders\[3\] has value version 9 \(known: 0\.\.4\)/,
    );
    expect(() => decodeOffsetCommit(key(1), values[3]!.subarray(0, 12))).toThrow(OffsetCommitDecodeError);
    expect(() => decodeOffsetCommit(key(1).subarray(0, 9), values[0]!)).toThrow(/truncated at byte/);
  });
});
