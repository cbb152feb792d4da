import { describe, expect, it } from 'vitest';
import type { Result, Scenario } from '../perf/report.js';
import { SHALLOW_SECTION, type ShallowBenchResult } from './shallow-bench.js';
import { renderShallowSection, shallowTargets } from './shallow-report.js';

const plain: Scenario = { valueBytes: 100, partitions: 6, records: 100_000 };
const lz4: Scenario = { ...plain, compression: 'lz4' };
const run = (scenario: Scenario, contender: string, label: string, rate: number, rss: number, extra = {}): Result => ({
  scenario,
  contender,
  label,
  recordsPerSecond: rate,
  rates: [rate * 0.9, rate],
  wallMs: (scenario.records / rate) * 1000,
  peakRssMiB: rss,
  ok: true,
  ...extra,
});

const result: ShallowBenchResult = {
  startedAt: new Date('2026-12-06T15:00:00Z'),
  loadAtStart: 1.25,
  loadAtEnd: 2.5,
  scenarios: [
    {
      scenario: plain,
      reused: true,
      results: [
        run(plain, 'raw-kafkajs', 'raw kafkajs loop', 50_000, 170),
        run(plain, 'kcat-pipe', 'kcat -C -e | kcat -P', 200_000, 100),
        run(plain, 'sluice-alo', 'Sluice, at-least-once', 50_000, 260),
        run(plain, 'sluice-eos', 'Sluice, exactly-once', 45_000, 270),
        run(plain, 'sluice-shallow-alo', 'Sluice shallow, at-least-once', 250_000, 150, { batchesForwarded: 40 }),
        run(plain, 'sluice-shallow-eos', 'Sluice shallow, exactly-once', 180_000, 280, { batchesForwarded: 40 }),
      ],
    },
    {
      scenario: lz4,
      reused: false,
      results: [
        run(lz4, 'raw-kafkajs', 'raw kafkajs loop', 40_000, 170),
        run(lz4, 'kcat-pipe-lz4', 'kcat -C -e | kcat -P -z lz4', 150_000, 110),
        run(lz4, 'sluice-alo', 'Sluice, at-least-once', 40_000, 300),
        run(lz4, 'sluice-shallow-alo', 'Sluice shallow, at-least-once', 300_000, 140, { batchesForwarded: 25 }),
        { ...run(lz4, 'sluice-shallow-eos', 'Sluice shallow, exactly-once', 1, 120), ok: false, problem: 'exit 1' },
      ],
    },
  ],
};

describe('shallowTargets', () => {
  const [alo, eos, rss] = shallowTargets(result);

  it('compares each shallow delivery with the kcat pipe of its input, lz4 with the lz4 pipe', () => {
    expect(alo!.measured.map((m) => [m.value, m.met])).toEqual([
      ['1.25×', true],
      ['2.00×', true],
    ]);
    expect(eos!.measured.map((m) => [m.value, m.met])).toEqual([
      ['0.90×', false],
      ['not measured', undefined],
    ]);
    expect(alo!.measured[1]!.where).toBe('100 B values, 6 partitions, 100,000 records, lz4');
  });

  it("holds shallow peak RSS against the normal path's, delivery for delivery where both ran", () => {
    expect(rss!.measured[0]).toEqual({
      where: '100 B values, 6 partitions, 100,000 records',
      value: 'at-least-once 150 vs 260 MiB; exactly-once 280 vs 270 MiB',
      met: false,
    });
    // lz4: no normal exactly-once run, and the shallow one failed: only at-least-once is measured.
    expect(rss!.measured[1]).toEqual({
      where: '100 B values, 6 partitions, 100,000 records, lz4',
      value: 'at-least-once 140 vs 300 MiB',
      met: undefined,
    });
  });
});

describe('renderShallowSection', () => {
  const text = renderShallowSection(result, { command: 'npm run bench -- --only shallow' });

  it('starts with its heading and says when, how and on what input it was measured', () => {
    expect(
      text.startsWith(
        `${SHALLOW_SECTION}\n\nMeasured by \`npm run bench -- --only shallow\` on 2026-12-06T15:00:00.000Z;`,
      ),
    ).toBe(true);
    expect(text).toContain("librdkafka's default batching: `linger.ms` 5, `batch.size` 1,000,000 B");
  });

  it('has a table per input with the ratios to the raw loop and to kcat, and the batches the input held', () => {
    expect(text).toContain('### 100 B values, 6 partitions, 100,000 records, lz4');
    expect(text).toContain(
      '| Sluice shallow, at-least-once | 250,000 | 225.0 / 250.0k | 5.00× | 1.25× | 0.4 s | 150 MiB |',
    );
    expect(text).toContain('| kcat -C -e \\| kcat -P -z lz4 | 150,000 |');
    expect(text).toContain(
      'Input batches, as the shallow at-least-once run forwarded them: 40 (2,500 records each on average). The same runs as in "Throughput and memory".',
    );
    expect(text).toContain('| Sluice shallow, exactly-once | failed: exit 1 |');
  });

  it('ends with the targets, under a heading that does not end the section', () => {
    const targets = text.slice(text.indexOf('### Shallow copy targets'));
    expect(targets).toContain(
      '| shallow at-least-once vs kcat pipe | >= 1.0× | 100 B values, 6 partitions, 100,000 records | 1.25× | yes |',
    );
    expect(targets).toContain(
      '| shallow exactly-once vs kcat pipe | >= 1.0× | 100 B values, 6 partitions, 100,000 records | 0.90× | **no** |',
    );
    expect(text.split('\n').filter((line) => line.startsWith('## '))).toEqual([SHALLOW_SECTION]);
  });
});
