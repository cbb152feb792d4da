// Schema Registry records in `npm run bench`: Avro decode (and encode, once the sink has
// `valueSchema`) in `sluice run` jobs beside the same jobs in `json`, on the same logical records,
// against an Apicurio Registry started for this section only. Ratios and peak RSS go into BENCHMARKS.md.
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { RegistryClient } from '../../engine/registry/registry-client.js';
import { jobSpecSchema } from '../../engine/spec/index.js';
import { APICURIO_VERSION, startApicurio } from '../../test/bench/apicurio.js';
import { createRunDirs, projectRoot } from '../../test/bench/bench-paths.js';
import { stopAllComponents } from '../../test/bench/component-control.js';
import { sluiceJob, type Contender, type RunContext } from '../perf/contenders.js';
import type { Result, Scenario } from '../perf/report.js';
import { bestOf } from './best-of.js';
import { avroValue, jsonValue, ORDER_SCHEMA, writeInput } from './registry-input.js';

export const REGISTRY_SECTION = '## Schema Registry records';

export interface RegistryBenchOptions {
  scenario: Scenario;
  repeat: number;
  bootstrap: string;
  /** A fresh topic of the scenario's partitions. */
  createTopic(prefix: string): Promise<string>;
  dropTopic(topic: string): Promise<void>;
  run(scenario: Scenario, input: string, contender: Contender): Promise<Result>;
  /** A directory for the profiles file and the encode job's schema file. */
  workDir: string;
  log(line: string): void;
}

/** One job in both formats: `json` reads (or writes) JSON text, `avro` the registry wire format. */
export interface RegistryPair {
  job: string;
  measures: string;
  json?: Result;
  avro?: Result;
  /** Why the pair was not measured. */
  skipped?: string;
}

export interface RegistryBenchResult {
  scenario: Scenario;
  startedAt: Date;
  loadAtStart: number;
  loadAtEnd: number;
  /** Average value size of the input in each format, in bytes. */
  jsonValueBytes?: number;
  avroValueBytes?: number;
  pairs: RegistryPair[];
  /** The section could not run at all (the registry did not start, the input could not be written). */
  failed?: string;
}

const PROFILE = 'bench-registry';
const FILTER = 'value.amount >= 0'; // reads a field of every record and keeps them all
const KEY_MAP = '{"key": {"id": value.id, "customer": value.customer, "status": value.status}}';
const VALUE_MAP = '{"value": value}';

type Sink = (ctx: RunContext) => Record<string, unknown>;
const kafkaSink =
  (extra: Record<string, unknown> = {}): Sink =>
  (ctx) => ({ type: 'kafka', topic: ctx.output, deliveryGuarantee: 'at-least-once', ...extra });
const noneSink: Sink = () => ({ type: 'none' });

interface JobShape {
  valueFormat: 'json' | 'avro';
  transform?: { filter?: string; map?: string };
  sink: Sink;
}

/** The job spec of a run: the bench's registry profile, bounded at the input's end, checkpoint every second. */
function jobSpec(id: string, shape: JobShape, ctx: RunContext): Record<string, unknown> {
  return {
    version: 1,
    name: `bench-${id}`,
    source: {
      cluster: { profile: PROFILE },
      topics: [ctx.input],
      groupId: ctx.groupId,
      stopAt: { mode: 'latest' },
      valueFormat: shape.valueFormat,
    },
    ...(shape.transform ? { transform: shape.transform } : {}),
    sink: shape.sink(ctx),
    checkpoint: { intervalMs: 1_000, retain: 3 },
    restart: { strategy: 'none' },
  };
}

/** The records a job read, from the summary `sluice run` prints last ("N records in, M out, ..."). */
export function recordsIn(stderr: string): number | undefined {
  const counts = [...stderr.matchAll(/\(([\d,]+) records in, [\d,]+ out/g)];
  const last = counts.at(-1);
  return last ? Number(last[1]!.replace(/,/g, '')) : undefined;
}

function contender(id: string, label: string, shape: JobShape, clusters: string): Contender {
  const base = sluiceJob(id, label, (ctx) => jobSpec(id, shape, ctx), clusters);
  return shape.sink === noneSink ? { ...base, handled: recordsIn } : base;
}

/** Whether this build's job spec takes a sink `valueSchema` (encoding with a registry schema). */
export function acceptsValueSchema(schemaFile: string): boolean {
  const ctx = { input: 'in', output: 'out', groupId: 'g' } as RunContext;
  const spec = jobSpec('probe', encodeShape(schemaFile), ctx);
  return jobSpecSchema.safeParse(spec).success;
}

const encodeShape = (schemaFile: string): JobShape => ({
  valueFormat: 'json',
  transform: { filter: FILTER, map: VALUE_MAP },
  sink: kafkaSink({ valueSchema: { format: 'avro', file: schemaFile } }),
});

export async function benchRegistry(options: RegistryBenchOptions): Promise<RegistryBenchResult> {
  const startedAt = new Date();
  const result: RegistryBenchResult = {
    scenario: options.scenario,
    startedAt,
    loadAtStart: loadavg()[0] ?? 0,
    loadAtEnd: 0,
    pairs: [],
  };
  const dirs = createRunDirs(join(projectRoot, 'test-results', 'perf'));
  const topics: string[] = [];
  try {
    options.log(`registry: starting Apicurio Registry ${APICURIO_VERSION}; logs in ${dirs.logDir}`);
    const registry = await startApicurio('bench', dirs);
    const clusters = join(options.workDir, 'registry-clusters.json');
    writeFileSync(
      clusters,
      JSON.stringify({
        version: 1,
        clusters: [
          { name: PROFILE, bootstrapServers: [options.bootstrap], schemaRegistry: { url: registry.ccompatUrl } },
        ],
      }),
    );
    const schemaFile = join(options.workDir, 'order.avsc');
    writeFileSync(schemaFile, JSON.stringify(ORDER_SCHEMA, null, 2));

    const { records } = options.scenario;
    const inputTimeoutMs = 60_000 + records / 10; // a few seconds is usual; a hung kcat must not stall the bench
    const jsonInput = await options.createTopic('in-json');
    const avroInput = await options.createTopic('in-avro');
    topics.push(jsonInput, avroInput);
    const schemaId = await new RegistryClient({ url: registry.ccompatUrl }).register(`${avroInput}-value`, {
      schemaType: 'AVRO',
      schema: JSON.stringify(ORDER_SCHEMA),
      references: [],
    });
    options.log(
      `registry: writing ${records.toLocaleString('en-US')} records as JSON and as Avro (schema id ${schemaId})`,
    );
    const json = await writeInput(options.bootstrap, jsonInput, records, jsonValue, inputTimeoutMs);
    const avro = await writeInput(options.bootstrap, avroInput, records, avroValue(schemaId), inputTimeoutMs);
    result.jsonValueBytes = json.valueBytes / records;
    result.avroValueBytes = avro.valueBytes / records;

    const pair = async (job: string, measures: string, both: [Contender, string][]): Promise<RegistryPair> => {
      options.log(`registry: ${job}`);
      const [jsonRun, avroRun] = await bestOf(
        options.repeat,
        both.map(
          ([c, input]) =>
            () =>
              options.run(options.scenario, input, c),
        ),
      );
      return { job, measures, json: jsonRun!, avro: avroRun! };
    };
    const decode = (format: 'json' | 'avro'): JobShape => ({
      valueFormat: format,
      transform: { filter: FILTER, map: KEY_MAP },
      sink: kafkaSink(),
    });
    result.pairs.push(
      await pair(
        'filter + map, Kafka sink',
        `decode: a filter reads \`value.amount\`, a map writes a JSON key, the value's bytes pass through`,
        [
          [contender('registry-json', 'json, filter + map', decode('json'), clusters), jsonInput],
          [contender('registry-avro', 'avro, filter + map', decode('avro'), clusters), avroInput],
        ],
      ),
    );
    const only = (format: 'json' | 'avro'): JobShape => ({ valueFormat: format, sink: noneSink });
    result.pairs.push(
      await pair(
        'decode only, none sink',
        'decode alone: no transform and the `none` sink, so a run is consume, decode, checkpoint',
        [
          [contender('registry-json-only', 'json, decode only', only('json'), clusters), jsonInput],
          [contender('registry-avro-only', 'avro, decode only', only('avro'), clusters), avroInput],
        ],
      ),
    );
    const encodeMeasures =
      'encode: JSON input, a map sets the value; json writes JSON text, avro encodes it with the sink `valueSchema` (the .avsc file)';
    if (acceptsValueSchema(schemaFile)) {
      const writeJson: JobShape = { ...encodeShape(schemaFile), sink: kafkaSink() };
      result.pairs.push(
        await pair('encode, Kafka sink', encodeMeasures, [
          [contender('registry-json-write', 'json, writing JSON', writeJson, clusters), jsonInput],
          [contender('registry-avro-write', 'json, writing Avro', encodeShape(schemaFile), clusters), jsonInput],
        ]),
      );
    } else {
      result.pairs.push({
        job: 'encode, Kafka sink',
        measures: encodeMeasures,
        skipped: 'this build has no sink `valueSchema` (encoding with a registry schema), so there is nothing to run',
      });
    }
  } catch (error) {
    result.failed = (error as Error).message;
    options.log(`registry: FAILED ${result.failed}`);
  } finally {
    for (const topic of topics) await options.dropTopic(topic);
    await stopAllComponents(dirs.stateDir);
    result.loadAtEnd = loadavg()[0] ?? 0;
  }
  return result;
}
