import type { Result } from '../perf/report.js';
import { REGISTRY_SECTION, type RegistryBenchResult, type RegistryPair } from './registry-bench.js';

// The "Schema Registry records" section of BENCHMARKS.md, from one run of registry-bench.ts.

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const rate = (r: Result | undefined) =>
  r === undefined ? '–' : r.ok ? fmt(r.recordsPerSecond) : `failed: ${r.problem ?? '?'}`;
const runs = (r: Result | undefined) => (r ? `${r.rates.map((x) => fmt(x / 1000, 1)).join(' / ')}k` : '–');
const rss = (r: Result | undefined) => (r ? `${fmt(r.peakRssMiB)} MiB` : '–');

/** avro ÷ json, or why there is none. */
export function pairRatio(pair: RegistryPair): string {
  if (pair.skipped) return 'not measured';
  if (!pair.json?.ok || !pair.avro?.ok) return '–';
  return `${fmt(pair.avro.recordsPerSecond / pair.json.recordsPerSecond, 2)}×`;
}

export function renderRegistrySection(result: RegistryBenchResult, options: { command: string }): string {
  const lines = [
    REGISTRY_SECTION,
    '',
    `Measured by \`${options.command}\` on ${result.startedAt.toISOString()}; load average (1 min) ${fmt(result.loadAtStart, 2)} at the start of this section, ${fmt(result.loadAtEnd, 2)} at its end.`,
    '',
  ];
  if (result.failed) {
    lines.push(`Not measured: ${result.failed}`, '');
    return lines.join('\n');
  }
  const sizes =
    result.jsonValueBytes !== undefined && result.avroValueBytes !== undefined
      ? `, ${fmt(result.jsonValueBytes)} B as JSON text and ${fmt(result.avroValueBytes)} B as Avro on average`
      : '';
  const { partitions, records } = result.scenario;
  lines.push(
    `${fmt(records)} records on ${partitions} partitions${sizes}: the same logical records (an order: id, customer, ` +
      'amount, currency, status, createdAt) written by kcat once as JSON text on one topic and once as Avro in the ' +
      "Schema Registry wire format on another (magic byte, schema id, avsc's encoding; the schema registered in an " +
      'Apicurio Registry started for this section only, through its Confluent-compatible API). Every job is `sluice run` ' +
      'on a cluster profile with that registry, at-least-once with a checkpoint every second, bounded at the end of the ' +
      "input; a row's json and avro jobs differ only in the format (`valueFormat`, or for encode the sink `valueSchema`). " +
      'Best of the runs, the order reversed every other round; peak RSS is the highest of the runs.',
    '',
    '| job | json, records/s | avro, records/s | avro ÷ json | all runs, json; avro | peak RSS, json / avro |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const pair of result.pairs) {
    lines.push(
      `| ${pair.job} | ${rate(pair.json)} | ${rate(pair.avro)} | ${pairRatio(pair)} | ${runs(pair.json)}; ${runs(pair.avro)} | ${rss(pair.json)} / ${rss(pair.avro)} |`,
    );
  }
  lines.push('');
  for (const pair of result.pairs) {
    lines.push(`- **${pair.job}**: ${pair.measures}.${pair.skipped ? ` Not measured: ${pair.skipped}.` : ''}`);
  }
  lines.push('');
  return lines.join('\n');
}
