// The shallow copy path in `npm run bench`: Sluice jobs that forward record batches as bytes
// (engine/job/copy-path.ts) beside the kcat pipe, the raw kafkajs loop and the same jobs on the
// normal path, on uncompressed and lz4 input. Rendered by shallow-report.ts.
import { loadavg } from 'node:os';
import { contender, kcatPipeWith, type Contender } from '../perf/contenders.js';
import { describeScenario, type Result, type Scenario } from '../perf/report.js';
import { bestOf } from './best-of.js';

export const SHALLOW_SECTION = '## Shallow copy';

/** The input codecs: the shallow path keeps each batch's codec, so compressed input is a case of its own. */
export const SHALLOW_CODECS = ['none', 'lz4'] as const;
export type ShallowCodec = (typeof SHALLOW_CODECS)[number];

/**
 * Who runs on each input. Uncompressed: both normal-path deliveries, to compare memory delivery for
 * delivery. lz4: fewer, to keep the bench short; the kcat pipe writes lz4 again, as the shallow copy
 * keeps the batches' lz4.
 */
export function shallowContenders(codec: ShallowCodec): Contender[] {
  const ids =
    codec === 'none'
      ? ['raw-kafkajs', 'kcat-pipe', 'sluice-alo', 'sluice-eos', 'sluice-shallow-alo', 'sluice-shallow-eos']
      : ['raw-kafkajs', 'sluice-alo', 'sluice-shallow-alo', 'sluice-shallow-eos'];
  const all = ids.map(contender);
  return codec === 'none' ? all : [all[0]!, kcatPipeWith(codec), ...all.slice(1)];
}

/** The scenarios in the order they run: each size, each partition count, uncompressed then lz4. */
export function shallowScenarios(sizes: { valueBytes: number; records: number }[], partitions: number[]): Scenario[] {
  const scenarios: Scenario[] = [];
  for (const { valueBytes, records } of sizes) {
    if (records <= 0) continue;
    for (const p of partitions) {
      for (const codec of SHALLOW_CODECS) {
        scenarios.push({ valueBytes, partitions: p, records, ...(codec === 'none' ? {} : { compression: codec }) });
      }
    }
  }
  return scenarios;
}

/**
 * The output topic's settings for a scenario. On compressed input the raw kafkajs loop sends each
 * fetched batch's records as one uncompressed batch, several MB when the input's batches are packed
 * tight, which a topic at the broker's default max.message.bytes (1 MB) refuses (Sluice's Kafka sink
 * cuts its sends at 768 KiB); those output topics take batches up to this size.
 */
export const COMPRESSED_INPUT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export function outputTopicConfig(scenario: Scenario): { name: string; value: string }[] | undefined {
  if ((scenario.compression ?? 'none') === 'none') return undefined;
  return [{ name: 'max.message.bytes', value: String(COMPRESSED_INPUT_MAX_MESSAGE_BYTES) }];
}

const codecOf = (scenario: Scenario): ShallowCodec => (scenario.compression === 'lz4' ? 'lz4' : 'none');

/**
 * The results of `contenders` on `scenario` among `measured` (the throughput section's, on the same
 * uncompressed input), in the contenders' order; undefined unless every one of them is there.
 */
export function reusable(measured: Result[], scenario: Scenario, contenders: Contender[]): Result[] | undefined {
  const same = (s: Scenario) =>
    s.valueBytes === scenario.valueBytes &&
    s.partitions === scenario.partitions &&
    s.records === scenario.records &&
    (s.compression ?? 'none') === (scenario.compression ?? 'none');
  const found = contenders.map((c) => measured.find((r) => r.contender === c.id && same(r.scenario)));
  return found.every((r) => r !== undefined) ? (found as Result[]) : undefined;
}

export interface ShallowBenchOptions {
  sizes: { valueBytes: number; records: number }[];
  partitions: number[];
  repeat: number;
  /** A fresh input topic for the scenario, written in its codec. */
  input(scenario: Scenario): Promise<string>;
  run(scenario: Scenario, input: string, contender: Contender): Promise<Result>;
  dropTopic(topic: string): Promise<void>;
  /** Results already measured in this run (the throughput section's), reused where they cover a scenario. */
  measured: Result[];
  log(line: string): void;
}

export interface ShallowScenarioResult {
  scenario: Scenario;
  results: Result[];
  /** Taken from the throughput section of the same run instead of measured again. */
  reused: boolean;
}

export interface ShallowBenchResult {
  startedAt: Date;
  loadAtStart: number;
  loadAtEnd: number;
  scenarios: ShallowScenarioResult[];
}

export async function benchShallow(options: ShallowBenchOptions): Promise<ShallowBenchResult> {
  const startedAt = new Date();
  const loadAtStart = loadavg()[0] ?? 0;
  const scenarios: ShallowScenarioResult[] = [];
  for (const scenario of shallowScenarios(options.sizes, options.partitions)) {
    const contenders = shallowContenders(codecOf(scenario));
    const reused = reusable(options.measured, scenario, contenders);
    if (reused) {
      scenarios.push({ scenario, results: reused, reused: true });
      continue;
    }
    options.log(`shallow, ${describeScenario(scenario)}: writing the input`);
    const input = await options.input(scenario);
    try {
      const results = await bestOf(
        options.repeat,
        contenders.map((c) => () => options.run(scenario, input, c)),
      );
      scenarios.push({ scenario, results, reused: false });
    } finally {
      await options.dropTopic(input);
    }
  }
  return { startedAt, loadAtStart, loadAtEnd: loadavg()[0] ?? 0, scenarios };
}
