import { isKcatPipe, scenarioTable, targetsTable, describeScenario, type Result, type Target } from '../perf/report.js';
import {
  COMPRESSED_INPUT_MAX_MESSAGE_BYTES,
  SHALLOW_SECTION,
  type ShallowBenchResult,
  type ShallowScenarioResult,
} from './shallow-bench.js';

// The "Shallow copy" section of BENCHMARKS.md, from one run of shallow-bench.ts.

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const byId = (row: ShallowScenarioResult, id: string) => row.results.find((r) => r.contender === id);
const SHALLOW_ALO = 'sluice-shallow-alo';
const SHALLOW_EOS = 'sluice-shallow-eos';

/** The goals per scenario: both shallow deliveries at least as fast as kcat, in less memory than the normal path. */
export function shallowTargets(result: ShallowBenchResult): Target[] {
  const vsKcat = (id: string, delivery: string): Target => ({
    name: `shallow ${delivery} vs kcat pipe`,
    goal: '>= 1.0×',
    measured: result.scenarios.map((row) => {
      const shallow = byId(row, id);
      const kcat = row.results.find(isKcatPipe);
      const q = shallow?.ok && kcat?.ok ? shallow.recordsPerSecond / kcat.recordsPerSecond : undefined;
      return {
        where: describeScenario(row.scenario),
        value: q === undefined ? 'not measured' : `${fmt(q, 2)}×`,
        met: q === undefined ? undefined : q >= 1,
      };
    }),
  });
  const rss: Target = {
    name: "shallow peak RSS under the normal path's",
    goal: '< normal',
    measured: result.scenarios.map((row) => {
      // Delivery for delivery; lz4 input has no normal exactly-once run, so at-least-once stands for it.
      const normalAlo = byId(row, 'sluice-alo');
      const normalEos = byId(row, 'sluice-eos');
      const pairs: [string, Result | undefined, Result | undefined][] = [
        ['at-least-once', byId(row, SHALLOW_ALO), normalAlo],
        normalEos
          ? ['exactly-once', byId(row, SHALLOW_EOS), normalEos]
          : ['exactly-once (normal: at-least-once)', byId(row, SHALLOW_EOS), normalAlo],
      ];
      const measured = pairs.filter(([, a, b]) => a?.ok && b?.ok) as [string, Result, Result][];
      return {
        where: describeScenario(row.scenario),
        value:
          measured.length === 0
            ? 'not measured'
            : measured.map(([name, a, b]) => `${name} ${fmt(a.peakRssMiB)} vs ${fmt(b.peakRssMiB)} MiB`).join('; '),
        met: measured.length < pairs.length ? undefined : measured.every(([, a, b]) => a.peakRssMiB < b.peakRssMiB),
      };
    }),
  };
  return [vsKcat(SHALLOW_ALO, 'at-least-once'), vsKcat(SHALLOW_EOS, 'exactly-once'), rss];
}

/** How many batches the input held, as the shallow at-least-once run forwarded them. */
function batchesLine(row: ShallowScenarioResult): string | undefined {
  const forwarded = byId(row, SHALLOW_ALO)?.batchesForwarded;
  if (forwarded === undefined || forwarded === 0) return undefined;
  return `Input batches, as the shallow at-least-once run forwarded them: ${fmt(forwarded)} (${fmt(row.scenario.records / forwarded)} records each on average).`;
}

export function renderShallowSection(result: ShallowBenchResult, options: { command: string }): string {
  const lines = [
    SHALLOW_SECTION,
    '',
    `Measured by \`${options.command}\` on ${result.startedAt.toISOString()}; load average (1 min) ${fmt(result.loadAtStart, 2)} at the start of this section, ${fmt(result.loadAtEnd, 2)} at its end. \`npm run bench -- --only shallow\` refreshes just this section.`,
    '',
    "- **Sluice shallow** is the same bounded `sluice run` job as Sluice at-least-once and exactly-once (a checkpoint every second), made eligible for the shallow copy path: key and value format `bytes`, `sink.partitioner: \"source-partition\"`, `sink.writeTimestamp: true`, sink compression `none` (each batch keeps its own codec), an output topic with the input's partition count. The job forwards the input's record batches as bytes; the bench reads each run's final metrics (`sluice run --metrics-file`) and stops with an error when a shallow run forwarded no batch, or a normal-path run forwarded one.",
    '- **Normal path**: the Sluice at-least-once and exactly-once jobs of "Throughput and memory" (string formats, murmur2), record by record. On lz4 input only at-least-once runs, to keep the bench short; it writes uncompressed (the spec\'s default). The kcat pipe on lz4 input writes lz4 again (`kcat -P -z lz4`), as the shallow copy keeps the lz4 batches.',
    `- **lz4 output topics** take batches up to ${fmt(COMPRESSED_INPUT_MAX_MESSAGE_BYTES / 2 ** 20)} MiB (\`max.message.bytes\`): the values are drawn from 64 strings, so lz4 packs the input tightly, and the raw kafkajs loop sends each fetched batch's records as one uncompressed batch of several MB, which a topic at the broker's default of 1 MB refuses. Sluice's Kafka sink cuts its sends at 768 KiB; a forwarded batch is never bigger than it was in the input.`,
    "- **Input**: written by kcat (librdkafka) piped from the bench, keyed, with librdkafka's default batching: `linger.ms` 5, `batch.size` 1,000,000 B, `batch.num.messages` 10,000, so a producer that is kept busy writes batches of up to 10,000 records or 1 MB; uncompressed, or with `-z lz4`. A Java producer at its defaults (`batch.size` 16 KiB) writes far smaller batches: more batches per record for the shallow path to forward. The number of batches each input held is under its table.",
    '- Records/s, peak RSS, best of the runs and the order of runs as in "Throughput and memory"; every run starts after a `sync`, so none shares the disk with the write-back of the runs before it.',
    '',
  ];
  for (const row of result.scenarios) {
    const table = scenarioTable(row.scenario, row.results);
    const notes = [batchesLine(row), row.reused ? 'The same runs as in "Throughput and memory".' : undefined];
    const said = notes.filter((note) => note !== undefined);
    lines.push(...table, ...(said.length > 0 ? [said.join(' '), ''] : []));
  }
  lines.push('### Shallow copy targets', '', ...targetsTable(shallowTargets(result)), '');
  return lines.join('\n');
}
