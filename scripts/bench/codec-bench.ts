// Compression codecs in `npm run bench`: a Sluice job reading a topic written in each codec beside
// the same job reading uncompressed data, the same job writing each codec, and kcat's pipe in that
// codec as the peer. Records/s, peak RSS and the ratios go into BENCHMARKS.md.
import { compressionNames, type CompressionName } from '../../engine/codecs/index.js';
import { kcatPipeWith, sluice, type Contender } from '../perf/contenders.js';
import type { Result, Scenario } from '../perf/report.js';
import { bestOf } from './best-of.js';

export interface CodecBenchOptions {
  scenario: Scenario;
  repeat: number;
  /** A fresh input topic of the scenario's partitions, written by kcat in `codec`. */
  input(codec: CompressionName): Promise<string>;
  run(scenario: Scenario, input: string, contender: Contender): Promise<Result>;
  dropTopic(topic: string): Promise<void>;
  log(line: string): void;
}

export interface CodecRow {
  codec: CompressionName;
  read: Result;
  write: Result;
  kcat: Result;
}

export interface CodecBenchResult {
  scenario: Scenario;
  rows: CodecRow[];
}

const reader = (codec: CompressionName) =>
  sluice('at-least-once', 1_000, `Sluice reading ${codec}`, `sluice-read-${codec}`);
const writer = (codec: CompressionName) =>
  sluice('at-least-once', 1_000, `Sluice writing ${codec}`, `sluice-write-${codec}`, { compression: codec });

/** Best of `repeat` runs of each contender on `input`. */
const bestOn = (options: CodecBenchOptions, input: string, contenders: Contender[]): Promise<Result[]> =>
  bestOf(
    options.repeat,
    contenders.map((contender) => () => options.run(options.scenario, input, contender)),
  );

export async function benchCodecs(options: CodecBenchOptions): Promise<CodecBenchResult> {
  const plain = await options.input('none');
  const rows: CodecRow[] = [];
  try {
    for (const codec of compressionNames) {
      options.log(`codecs: ${codec}`);
      const input = codec === 'none' ? plain : await options.input(codec);
      const [read, kcat] = await bestOn(options, input, [reader(codec), kcatPipeWith(codec)]);
      const [write] = codec === 'none' ? [read!] : await bestOn(options, plain, [writer(codec)]);
      rows.push({ codec, read: read!, write: write!, kcat: kcat! });
      if (input !== plain) await options.dropTopic(input);
    }
  } finally {
    await options.dropTopic(plain);
  }
  return { scenario: options.scenario, rows };
}

const rate = (r: Result) => (r.ok ? Math.round(r.recordsPerSecond).toLocaleString('en-US') : `failed: ${r.problem}`);
const ratio = (a: Result, b: Result) =>
  a.ok && b.ok ? `${(a.recordsPerSecond / b.recordsPerSecond).toFixed(2)}×` : '–';
const rss = (r: Result) => `${Math.round(r.peakRssMiB)} MiB`;

export function renderCodecSection(result: CodecBenchResult, describe: (s: Scenario) => string): string {
  const none = result.rows.find((row) => row.codec === 'none');
  const lines = [
    '## Compression codecs',
    '',
    `${describe(result.scenario)}, at-least-once jobs (\`sluice run\`, checkpoint every second). The input of each`,
    'row is written by kcat in that codec; "writing" copies the uncompressed input with `sink.compression`',
    'set to the codec. Ratios are against the same job on uncompressed data; the kcat pipe reads and writes',
    'the codec with librdkafka.',
    '',
    '| codec | job reading it, records/s | vs none | peak RSS | job writing it, records/s | vs none | peak RSS | kcat pipe, records/s | reading ÷ kcat |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of result.rows) {
    lines.push(
      `| ${row.codec} | ${rate(row.read)} | ${none ? ratio(row.read, none.read) : '–'} | ${rss(row.read)} | ` +
        `${rate(row.write)} | ${none ? ratio(row.write, none.write) : '–'} | ${rss(row.write)} | ${rate(row.kcat)} | ${ratio(row.read, row.kcat)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
