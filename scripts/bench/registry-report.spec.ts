import { describe, expect, it } from 'vitest';
import type { Result } from '../perf/report.js';
import { recordsIn, REGISTRY_SECTION, type RegistryBenchResult } from './registry-bench.js';
import { pairRatio, renderRegistrySection } from './registry-report.js';

const scenario = { valueBytes: 100, partitions: 6, records: 300_000 };
const run = (recordsPerSecond: number, peakRssMiB: number, ok = true): Result => ({
  scenario,
  contender: 'x',
  label: 'x',
  recordsPerSecond,
  rates: [recordsPerSecond * 0.9, recordsPerSecond],
  wallMs: (scenario.records / recordsPerSecond) * 1000,
  peakRssMiB,
  ok,
  ...(ok ? {} : { problem: 'exit 1, 12 of 300000 records written' }),
});

const result: RegistryBenchResult = {
  scenario,
  startedAt: new Date('2026-12-06T11:00:00Z'),
  loadAtStart: 1.5,
  loadAtEnd: 2.25,
  jsonValueBytes: 110.4,
  avroValueBytes: 43.6,
  pairs: [
    {
      job: 'filter + map, Kafka sink',
      measures: 'decode with a transform',
      json: run(40_000, 250),
      avro: run(30_000, 260),
    },
    { job: 'decode only, none sink', measures: 'decode alone', json: run(100_000, 150), avro: run(50_000, 155, false) },
    { job: 'encode, Kafka sink', measures: 'encode', skipped: 'this build has no sink `valueSchema`' },
  ],
};

describe('renderRegistrySection', () => {
  const text = renderRegistrySection(result, { command: 'npm run bench -- --only registry' });
  const rows = text
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| job') && !line.startsWith('| ---'));

  it('starts with the section heading and says how, when and under what load it was measured', () => {
    expect(text.startsWith(`${REGISTRY_SECTION}\n`)).toBe(true);
    expect(text).toContain(
      'Measured by `npm run bench -- --only registry` on 2026-12-06T11:00:00.000Z; load average (1 min) 1.50 at the start of this section, 2.25 at its end.',
    );
    expect(text).toContain('300,000 records on 6 partitions, 110 B as JSON text and 44 B as Avro on average');
  });

  it('writes one row per job with both rates, the ratio, every run and both peaks', () => {
    expect(rows[0]).toBe(
      '| filter + map, Kafka sink | 40,000 | 30,000 | 0.75× | 36.0 / 40.0k; 27.0 / 30.0k | 250 MiB / 260 MiB |',
    );
  });

  it('shows a failed run with its problem and no ratio', () => {
    expect(rows[1]).toContain('| failed: exit 1, 12 of 300000 records written | – |');
  });

  it('says why a job was not measured', () => {
    expect(rows[2]).toBe('| encode, Kafka sink | – | – | not measured | –; – | – / – |');
    expect(text).toContain('- **encode, Kafka sink**: encode. Not measured: this build has no sink `valueSchema`.');
  });

  it('says the whole section was not measured when it could not run, and why', () => {
    const failed = renderRegistrySection(
      { ...result, pairs: [], failed: 'apicurio: exited before it was ready (exit code 1)' },
      { command: 'npm run bench' },
    );
    expect(failed).toContain('Not measured: apicurio: exited before it was ready (exit code 1)');
    expect(failed).not.toContain('| job |');
  });
});

describe('pairRatio', () => {
  it('is avro over json with two decimals', () => {
    expect(pairRatio({ job: 'j', measures: 'm', json: run(80_000, 1), avro: run(100_000, 1) })).toBe('1.25×');
  });
});

describe('recordsIn', () => {
  it('reads the count of the summary line sluice run prints last', () => {
    const stderr =
      'started "bench-x" from its start position, 6 partitions\njob "bench-x" finished (300,000 records in, 0 out, last checkpoint 7)\n';
    expect(recordsIn(stderr)).toBe(300_000);
  });

  it('is undefined when the job printed no summary', () => {
    expect(recordsIn('error: cannot reach the registry')).toBeUndefined();
  });
});
