import { describe, expect, it } from 'vitest';
import { batchesPart, copyPathLine } from './copy-path-line.js';

describe('copyPathLine', () => {
  it('says a shallow run forwards record batches as bytes', () => {
    expect(copyPathLine({ kind: 'shallow' })).toBe('copy path: shallow (record batches forwarded as bytes)');
  });

  it('names every blocker of a record-by-record run, field then reason', () => {
    expect(
      copyPathLine({
        kind: 'record',
        blockers: [
          { field: 'sink.partitioner', reason: '"murmur2" picks each record\'s partition' },
          { field: 'sink.topic', reason: '"out" has 2 partitions and the source 3' },
        ],
      }),
    ).toBe(
      'copy path: record by record: sink.partitioner: "murmur2" picks each record\'s partition; sink.topic: "out" has 2 partitions and the source 3',
    );
    expect(copyPathLine({ kind: 'record', blockers: [] })).toBe('copy path: record by record');
  });
});

describe('batchesPart', () => {
  it('is absent on the record path (nothing forwarded or decoded)', () => {
    expect(batchesPart({ batchesForwarded: 0, batchesDecoded: {} })).toBeUndefined();
    expect(batchesPart({ batchesForwarded: 0, batchesDecoded: { compacted: 0 } })).toBeUndefined();
  });

  it('counts forwarded batches, and decoded ones by reason in a fixed order', () => {
    expect(batchesPart({ batchesForwarded: 1, batchesDecoded: {} })).toBe('1 batch forwarded');
    expect(
      batchesPart({ batchesForwarded: 12_345, batchesDecoded: { 'log-append-time': 1, 'partial-batch': 2 } }),
    ).toBe('12,345 batches forwarded, 3 decoded (partial-batch 2, log-append-time 1)');
    expect(batchesPart({ batchesForwarded: 0, batchesDecoded: { 'old-format': 4 } })).toBe(
      '0 batches forwarded, 4 decoded (old-format 4)',
    );
  });
});
