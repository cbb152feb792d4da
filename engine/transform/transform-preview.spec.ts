import { describe, expect, it } from 'vitest';
import type { SourceRecord } from '../source/source-record.js';
import { previewRecords } from './transform-preview.js';

const record = (offset: number, value: string): SourceRecord => ({
  topic: 'orders',
  partition: 0,
  offset,
  timestamp: 1_700_000_000_000 + offset,
  key: Buffer.from(`k${offset}`),
  value: Buffer.from(value),
  headers: {},
  bytes: value.length,
});

describe('transform preview', () => {
  it('shows each record kept and mapped, dropped by the filter, or failed with the expression position', async () => {
    const rows = await previewRecords(
      [record(0, '{"n": 1, "d": 2}'), record(1, '{"n": 0, "d": 1}'), record(2, '{"n": 5, "d": "x"}'), record(3, '{')],
      {
        keyFormat: 'string',
        valueFormat: 'json',
        transform: { filter: 'value.n > 0', map: "{'value': {'q': value.n / value.d}}" },
      },
    );
    expect(rows.map((r) => r.outcome)).toEqual(['kept', 'dropped', 'failed', 'failed']);
    expect(rows[0]).toMatchObject({
      before: { key: 'k0', value: { n: 1, d: 2 }, timestamp: 1_700_000_000_000 },
      after: { key: 'k0', value: { q: 0.5 }, timestamp: 1_700_000_000_000 },
    });
    expect(rows[1]?.after).toBe(undefined);
    expect(rows[2]?.error).toMatchObject({ stage: 'transform.map', position: expect.any(Number) });
    expect(rows[2]?.error?.message).toContain('orders[0] at offset 2');
    expect(rows[3]).toMatchObject({ outcome: 'failed', before: { value: '{' }, error: { stage: 'value' } });
  });

  it('passes every record through when there is no transform', async () => {
    const rows = await previewRecords([record(0, 'plain')], { keyFormat: 'string', valueFormat: 'string' });
    expect(rows).toEqual([
      expect.objectContaining({ outcome: 'kept', after: expect.objectContaining({ value: 'plain' }) }),
    ]);
  });
});
