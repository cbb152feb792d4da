import { describe, expect, it } from 'vitest';
import type { Result, Scenario } from '../perf/report.js';
import { reusable, shallowContenders, shallowScenarios } from './shallow-bench.js';

const result = (scenario: Scenario, contender: string): Result => ({
  scenario,
  contender,
  label: contender,
  recordsPerSecond: 1,
  rates: [1],
  wallMs: 1,
  peakRssMiB: 1,
  ok: true,
});

describe('shallowScenarios', () => {
  it('runs each size on each partition count, uncompressed then lz4, and skips a size of 0 records', () => {
    const scenarios = shallowScenarios(
      [
        { valueBytes: 100, records: 1_000 },
        { valueBytes: 1024, records: 0 },
      ],
      [1, 6],
    );
    expect(scenarios).toEqual([
      { valueBytes: 100, partitions: 1, records: 1_000 },
      { valueBytes: 100, partitions: 1, records: 1_000, compression: 'lz4' },
      { valueBytes: 100, partitions: 6, records: 1_000 },
      { valueBytes: 100, partitions: 6, records: 1_000, compression: 'lz4' },
    ]);
  });
});

describe('shallowContenders', () => {
  it('runs both normal deliveries on uncompressed input and a kcat pipe writing lz4 on lz4 input', () => {
    expect(shallowContenders('none').map((c) => c.id)).toEqual([
      'raw-kafkajs',
      'kcat-pipe',
      'sluice-alo',
      'sluice-eos',
      'sluice-shallow-alo',
      'sluice-shallow-eos',
    ]);
    expect(shallowContenders('lz4').map((c) => c.id)).toEqual([
      'raw-kafkajs',
      'kcat-pipe-lz4',
      'sluice-alo',
      'sluice-shallow-alo',
      'sluice-shallow-eos',
    ]);
  });

  it('expects the shallow path of the shallow jobs and the record path of the normal ones', () => {
    const paths = Object.fromEntries(shallowContenders('none').map((c) => [c.id, c.copyPath]));
    expect(paths).toEqual({
      'raw-kafkajs': undefined,
      'kcat-pipe': undefined,
      'sluice-alo': 'record',
      'sluice-eos': 'record',
      'sluice-shallow-alo': 'shallow',
      'sluice-shallow-eos': 'shallow',
    });
  });
});

describe('reusable', () => {
  const plain: Scenario = { valueBytes: 100, partitions: 6, records: 1_000 };
  const contenders = shallowContenders('none');
  const measured = contenders.map((c) => result({ ...plain }, c.id));

  it("takes the throughput section's runs of the same input, in the contenders' order", () => {
    expect(reusable([...measured].reverse(), plain, contenders)?.map((r) => r.contender)).toEqual(
      contenders.map((c) => c.id),
    );
  });

  it('measures again when a contender is missing or the input differs', () => {
    expect(reusable(measured.slice(1), plain, contenders)).toBeUndefined();
    expect(reusable(measured, { ...plain, records: 2_000 }, contenders)).toBeUndefined();
    expect(reusable(measured, { ...plain, compression: 'lz4' }, contenders)).toBeUndefined();
  });
});
