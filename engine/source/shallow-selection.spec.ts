import { describe, expect, it } from 'vitest';
import { forwardableRecordSet, scanRecordSet } from './fetched-batch.js';
import { encodeBatch, type FixtureRecord } from './record-batch-fixture.js';
import { fallbackReason, selectShallow } from './shallow-selection.js';

const records = (n: number): FixtureRecord[] =>
  Array.from({ length: n }, (_, i) => ({ key: null, value: Buffer.from(`v${i}`), timestamp: 1_000 + i }));

describe('fallbackReason', () => {
  const cases: { name: string; flags?: number; deltas?: number[]; next: number; stop?: number; want?: string }[] = [
    { name: 'a whole batch inside the range', next: 10, want: undefined },
    { name: 'a batch ending right before the stop', next: 10, stop: 14, want: undefined },
    { name: 'a batch starting before the tracked offset', next: 11, want: 'partial-batch' },
    { name: 'a batch ending at or after the stop', next: 10, stop: 13, want: 'partial-batch' },
    { name: 'gaps left by compaction', next: 10, deltas: [0, 1, 3, 4], want: 'compacted' },
    { name: 'a delete horizon set by compaction', flags: 0x40, next: 10, want: 'compacted' },
    { name: 'log-append time', flags: 0x08, next: 10, want: 'log-append-time' },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const deltas = c.deltas ?? [0, 1, 2, 3];
      const bytes = await encodeBatch({ baseOffset: 10, records: records(4), offsetDeltas: deltas, flags: c.flags });
      expect(fallbackReason(scanRecordSet(bytes)![0]!, c.next, c.stop)).toBe(c.want);
    });
  }
});

describe('selectShallow', () => {
  it('forwards whole batches, cuts the straddling ones and steps over what was processed', async () => {
    const set = Buffer.concat([
      await encodeBatch({ baseOffset: 0, records: records(4) }),
      await encodeBatch({ baseOffset: 4, records: records(4) }),
      await encodeBatch({ baseOffset: 8, records: records(4), compression: 'GZIP' }),
      await encodeBatch({ baseOffset: 12, records: records(4) }),
    ]);
    const messages = await forwardableRecordSet(set, { abortedTransactions: [] });
    const parts = await selectShallow('t', 0, messages, {
      next: 5,
      stop: { kind: 'at', offset: 10 },
      finished: false,
    });
    expect(
      parts.map((p) =>
        p.kind === 'batch' ? ['batch', p.batch.baseOffset] : [p.reason, p.records.map((r) => r.offset)],
      ),
    ).toEqual([
      ['partial-batch', [5, 6, 7]],
      ['partial-batch', [8, 9]],
    ]);
    const all = await selectShallow('t', 0, messages, { next: 4, stop: undefined, finished: false });
    expect(all.map((p) => (p.kind === 'batch' ? p.batch.baseOffset : p.kind))).toEqual([4, 8, 12]);
  });

  it('steps over batches marked as control or aborted', async () => {
    const set = Buffer.concat([
      await encodeBatch({
        baseOffset: 0,
        records: records(2),
        producerId: 5n,
        producerEpoch: 0,
        baseSequence: 0,
        flags: 0x10,
      }),
      await encodeBatch({ baseOffset: 2, records: records(2) }),
    ]);
    const messages = await forwardableRecordSet(set, { abortedTransactions: [{ producerId: '5', firstOffset: '0' }] });
    const parts = await selectShallow('t', 0, messages, { next: 0, stop: undefined, finished: false });
    expect(parts.map((p) => (p.kind === 'batch' ? p.batch.baseOffset : p.kind))).toEqual([2]);
    expect(scanRecordSet(set)).toHaveLength(2);
  });
});
