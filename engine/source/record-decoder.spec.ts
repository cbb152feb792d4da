import { describe, expect, it } from 'vitest';
import { decodeRecord } from './record-decoder.js';
import type { SourceRecord } from './source-record.js';

const record = (key: string | null, value: string | null): SourceRecord => ({
  topic: 'orders',
  partition: 3,
  offset: 17,
  timestamp: 1,
  key: key === null ? null : Buffer.from(key),
  value: value === null ? null : Buffer.from(value),
  headers: { a: Buffer.from('x'), b: [Buffer.from('1'), '2'] },
  bytes: 0,
});

describe('decodeRecord', () => {
  it('decodes per format and keeps tombstones null', () => {
    expect(decodeRecord(record('k', '{"n":1}'), 'string', 'json')).toEqual({
      key: 'k',
      value: { n: 1 },
      headers: { a: 'x', b: ['1', '2'] },
    });
    expect(decodeRecord(record(null, null), 'json', 'json')).toMatchObject({ key: null, value: null });
    expect(decodeRecord(record('k', 'hi'), 'bytes', 'bytes')).toMatchObject({ key: 'aw==', value: 'aGk=' });
  });

  it('names topic, partition, offset and field for bad JSON', () => {
    expect(() => decodeRecord(record('k', '{oops'), 'string', 'json')).toThrow(
      /value of the record at orders\[3\] offset 17 is not valid JSON/,
    );
  });
});
