import { describe, expect, it } from 'vitest';
import { decodeRecord } from '../source/record-decoder.js';
import type { SourceRecord } from '../source/source-record.js';
import { toNdjsonLine } from './ndjson-line.js';

const notUtf8 = Buffer.from([0xc3, 0x28, 0xff, 0x00]);

const source = (over: Partial<SourceRecord> = {}): SourceRecord => ({
  topic: 't',
  partition: 2,
  offset: 9,
  timestamp: 1_700_000_000_000,
  key: Buffer.from('k'),
  value: notUtf8,
  headers: { trace: Buffer.from([0x01, 0xfe]), text: Buffer.from('plain'), empty: null as unknown as Buffer },
  bytes: 0,
  ...over,
});

const line = (record: SourceRecord, format: 'string' | 'bytes' = 'string') =>
  JSON.parse(toNdjsonLine({ source: record, decoded: decodeRecord(record, format, format) })) as Record<
    string,
    unknown
  >;

describe('toNdjsonLine', () => {
  it('writes bytes that are not text as base64 and names them, so nothing is lost', () => {
    const out = line(source());
    expect(out['key']).toBe('k');
    expect(Buffer.from(out['value'] as string, 'base64').equals(notUtf8)).toBe(true);
    const headers = out['headers'] as Record<string, string | null>;
    expect(Buffer.from(headers['trace']!, 'base64')).toEqual(Buffer.from([0x01, 0xfe]));
    expect(headers['text']).toBe('plain');
    expect(headers['empty']).toBeNull();
    expect(out['base64']).toEqual(['value', 'headers.trace']);
  });

  it('keeps tombstones and null keys null, and adds no base64 list for text', () => {
    const out = line(source({ key: null, value: null, headers: {} }));
    expect(out).toMatchObject({ key: null, value: null, headers: {} });
    expect(out).not.toHaveProperty('base64');
  });

  it('leaves bytes-format payloads as the format writes them (base64) without listing them', () => {
    const out = line(source({ headers: {} }), 'bytes');
    expect(out['value']).toBe(notUtf8.toString('base64'));
    expect(out).not.toHaveProperty('base64');
  });

  it('writes what a map set, not the source bytes', () => {
    const record = source();
    const out = JSON.parse(
      toNdjsonLine({ source: record, decoded: decodeRecord(record, 'string', 'string'), mapped: { value: 'new' } }),
    ) as Record<string, unknown>;
    expect(out['value']).toBe('new');
    expect(out['base64']).toEqual(['headers.trace']);
  });
});
