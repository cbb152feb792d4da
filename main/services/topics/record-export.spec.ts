import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { BrowsedRecord } from '../../ipc/contract';
import { browsedBytes } from './browsed-bytes';
import { exportRecords, recordsAsCsv, recordsAsNdjson } from './record-export';

const records: BrowsedRecord[] = [
  {
    partition: 0,
    offset: 7,
    timestamp: 1_700_000_000_000,
    key: browsedBytes('k,1'),
    value: browsedBytes('{"a":"line\nbreak"}'),
    headers: [['h', browsedBytes('v')]],
  },
  {
    partition: 2,
    offset: 3,
    timestamp: 1_700_000_000_001,
    key: null,
    value: browsedBytes(Buffer.from([0xff, 0xfe])),
    headers: [['bin', browsedBytes(Buffer.from([0xff]))]],
  },
];

describe('record export', () => {
  it('writes NDJSON as the file sink does: text as text, binary as base64 named in base64', () => {
    const lines = recordsAsNdjson('orders', records)
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(lines).toEqual([
      {
        topic: 'orders',
        partition: 0,
        offset: 7,
        timestamp: 1_700_000_000_000,
        key: 'k,1',
        value: '{"a":"line\nbreak"}',
        headers: { h: 'v' },
      },
      {
        topic: 'orders',
        partition: 2,
        offset: 3,
        timestamp: 1_700_000_000_001,
        key: null,
        value: '//4=',
        headers: { bin: '/w==' },
        base64: ['value', 'headers.bin'],
      },
    ]);
  });

  it('writes CSV with the same fields, quoting commas and line breaks', () => {
    const rows = parse(recordsAsCsv('orders', records), { columns: true }) as Record<string, string>[];
    expect(rows).toEqual([
      {
        topic: 'orders',
        partition: '0',
        offset: '7',
        timestamp: '1700000000000',
        key: 'k,1',
        value: '{"a":"line\nbreak"}',
        headers: '{"h":"v"}',
        base64: '',
      },
      {
        topic: 'orders',
        partition: '2',
        offset: '3',
        timestamp: '1700000000001',
        key: '',
        value: '//4=',
        headers: '{"bin":"/w=="}',
        base64: '["value","headers.bin"]',
      },
    ]);
  });

  it('keeps a spreadsheet from running a text as a formula, and an empty text apart from a null', () => {
    const formula = (text: string | null): BrowsedRecord => ({
      ...records[0]!,
      key: text === null ? null : browsedBytes(text),
      value: browsedBytes('=HYPERLINK("http://x")'),
      headers: [],
    });
    const csv = recordsAsCsv('orders', [formula('-1'), formula(''), formula(null)]);
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => [row['key'], row['value']])).toEqual([
      ["'-1", `'=HYPERLINK("http://x")`],
      ['', `'=HYPERLINK("http://x")`],
      ['', `'=HYPERLINK("http://x")`],
    ]);
    // The empty key is quoted, the null key is not.
    expect(csv.split('\n')[2]).toMatch(/^orders,0,7,1700000000000,"",/);
    expect(csv.split('\n')[3]).toMatch(/^orders,0,7,1700000000000,,/);
  });

  it('names the file after the topic and the format', () => {
    const file = exportRecords({ topic: 'orders', format: 'csv', records }, new Date('2026-12-06T08:00:00Z'));
    expect(file).toMatchObject({ suggestedName: 'orders-2026-12-06T08-00-00-000Z.csv', mime: 'text/csv', records: 2 });
  });
});
