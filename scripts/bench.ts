#!/usr/bin/env -S npx tsx
// `npm run bench`: Sluice's throughput and memory beside a raw kafkajs loop and a kcat pipe, on a
// single-node Kafka it starts itself (the test bench's), for 100 B and 1 KiB records on 1 and 6
// partitions; then a replay of 1,000,000 records for peak memory. Writes BENCHMARKS.md.
// `--quick` shrinks every count for a smoke run; `--bootstrap` uses a running broker instead;
// `--only` picks contenders and/or the replay (`--only replay` measures just the replay).
// `--only registry` runs only the Schema Registry section and refreshes just that section of the file;
// `--only shallow` the same for the shallow copy path (scripts/bench/shallow-bench.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import kafkajs, { type ITopicConfig } from 'kafkajs';
import { createRunDirs, projectRoot } from '../test/bench/bench-paths.js';
import { stopAllComponents } from '../test/bench/component-control.js';
import { checkJava } from '../test/bench/java.js';
import { ensureKafkaJars, KAFKA_VERSION } from '../test/bench/kafka-jars.js';
import { startKraftSingle } from '../test/bench/kraft-single.js';
import { writeFileAtomic } from '../engine/checkpoints/atomic-file.js';
import { compressionNames } from '../engine/codecs/index.js';
import { best } from './bench/best-of.js';
import { createBenchTopic } from './bench/bench-topic.js';
import { benchCodecs, renderCodecSection, type CodecBenchResult } from './bench/codec-bench.js';
import { benchRegistry, type RegistryBenchResult } from './bench/registry-bench.js';
import { renderRegistrySection } from './bench/registry-report.js';
import { spliceSection } from './bench/section-splice.js';
import { benchShallow, outputTopicConfig, type ShallowBenchResult } from './bench/shallow-bench.js';
import { renderShallowSection } from './bench/shallow-report.js';
import { benchTunnel, type TunnelBenchResult } from './bench/tunnel-bench.js';
import { benchConsole, consoleTargets, renderConsoleSection, type ConsoleBenchResult } from './bench/console-bench.js';
import { benchLag, renderLagSection } from './bench/lag-bench.js';
import { CONTENDERS, replayContender, runMetricsFile, type Contender } from './perf/contenders.js';
import { copyPathProblem, readRunBatches } from './perf/copy-path-check.js';
import { produceInput } from './perf/input-data.js';
import { settleDisk } from './perf/settle-disk.js';
import { measure } from './perf/measure.js';
import { describeScenario, renderReport, type Result, type Scenario, type Target } from './perf/report.js';

const { Kafka, logLevel } = kafkajs;
const REPLAY = 'replay';
const TUNNEL = 'tunnel';
const CONSOLE = 'console';
const CODECS = 'codecs';
const REGISTRY = 'registry';
const LAG = 'lag';
const SHALLOW = 'shallow';
/** How long the count of a run's output waits for transaction markers (writtenTo). */
const COMMIT_MARKERS_WAIT_MS = 10_000;

const usage = `Usage: npm run bench -- [--quick] [--records N] [--records-1k N] [--replay N] [--tunnel N] [--codecs N] [--registry N]
                      [--repeat N] [--partitions 1,6]
                      [--only id,id] [--bootstrap HOST:PORT] [--output BENCHMARKS.md]
--only ids: ${[...CONTENDERS.map((c) => c.id), REPLAY, TUNNEL, CONSOLE, CODECS, REGISTRY, LAG, SHALLOW].join(', ')} (default: all). The throughput scenarios run
with the contenders listed, the replay only if "${REPLAY}" is listed, the SSH tunnel job only if "${TUNNEL}" is; e.g. --only ${REPLAY}, or
--only raw-kafkajs,sluice-alo,${REPLAY}. "${CONSOLE}" measures the console in Chromium (time to interactive, the
partition table with 10,000 partitions, IPC round trip while a job runs). "${CODECS}" reads and writes every
compression codec (--codecs N records, 100 B values, 6 partitions). "${REGISTRY}" runs jobs on Avro records
with a Schema Registry beside the same jobs on JSON (--registry N records, 6 partitions; starts an Apicurio
Registry); alone (--only ${REGISTRY}) it replaces just its section of the output file. "${LAG}" runs the lag
monitor over 2,000 groups of 10 partitions (--quick: 200); alone it too replaces just its section. "${SHALLOW}" runs the
shallow copy path beside the kcat pipe, the raw kafkajs loop and the normal path, on uncompressed and lz4 input
(--records / --records-1k, --partitions); alone it replaces just its section.`;

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    records: { type: 'string' },
    'records-1k': { type: 'string' },
    replay: { type: 'string' },
    tunnel: { type: 'string' },
    codecs: { type: 'string' },
    registry: { type: 'string' },
    repeat: { type: 'string' },
    partitions: { type: 'string', default: '1,6' },
    only: { type: 'string' },
    bootstrap: { type: 'string' },
    output: { type: 'string', default: join(projectRoot, 'BENCHMARKS.md') },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log(usage);
  process.exit(0);
}

const count = (value: string | undefined, full: number, quick: number): number => {
  const n = Number(value ?? (args.quick ? quick : full));
  if (!Number.isInteger(n) || n < 0) {
    console.error(`bench: record counts must be whole numbers >= 0\n${usage}`);
    process.exit(2);
  }
  return n;
};
// Sized so the whole run stays under ~10 minutes on 2 cores.
const smallRecords = count(args.records, 1_000_000, 20_000);
const largeRecords = count(args['records-1k'], 300_000, 10_000);
const replayRecords = count(args.replay, 1_000_000, 100_000);
const tunnelRecords = count(args.tunnel, 200_000, 30_000);
const codecRecords = count(args.codecs, 300_000, 20_000);
const registryRecords = count(args.registry, 300_000, 20_000);
const repeat = Math.max(1, count(args.repeat, 2, 1));
const partitionCounts = args.partitions.split(',').map(Number);
const only = args.only?.split(',').map((id) => id.trim());
const unknown =
  only?.filter(
    (id) =>
      ![REPLAY, TUNNEL, CONSOLE, CODECS, REGISTRY, LAG, SHALLOW].includes(id) && !CONTENDERS.some((c) => c.id === id),
  ) ?? [];
const contenders = only ? CONTENDERS.filter((c) => only.includes(c.id)) : [...CONTENDERS];
const runReplay = !only || only.includes(REPLAY);
const runTunnel = !only || only.includes(TUNNEL);
const runConsole = !only || only.includes(CONSOLE);
const runCodecs = !only || only.includes(CODECS);
const runRegistry = !only || only.includes(REGISTRY);
const runLag = !only || only.includes(LAG);
const runShallow = !only || only.includes(SHALLOW);
if (
  unknown.length > 0 ||
  (contenders.length === 0 && !runReplay && !runConsole && !runCodecs && !runRegistry && !runLag && !runShallow) ||
  partitionCounts.some((p) => !Number.isInteger(p) || p < 1)
) {
  console.error(`${unknown.length > 0 ? `bench: unknown --only ${unknown.join(', ')}\n` : ''}${usage}`);
  process.exit(2);
}

const log = (message: string) => console.log(`[bench] ${message}`);

async function startBroker(): Promise<{ bootstrap: string; note: string; stop: () => Promise<void> }> {
  if (args.bootstrap)
    return { bootstrap: args.bootstrap, note: `an existing broker at ${args.bootstrap}`, stop: async () => undefined };
  const dirs = createRunDirs(join(projectRoot, 'test-results', 'perf'));
  log(`starting a single-node Kafka; logs in ${dirs.logDir}`);
  await checkJava();
  const jarsDir = await ensureKafkaJars({ logPath: join(dirs.logDir, 'maven.log') });
  const kraft = await startKraftSingle({ ...dirs, kafkaVersion: KAFKA_VERSION, jarsDir });
  const stop = async () => {
    await stopAllComponents(dirs.stateDir);
    rmSync(dirs.dataDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void stop().finally(() => process.exit(130)));
  return {
    bootstrap: kraft.bootstrap,
    note: "a single KRaft node started by the bench with the test bench's config",
    stop,
  };
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadAtStart = loadavg()[0] ?? 0;
  log('building the CLI');
  const build = spawnSync(process.execPath, [join(projectRoot, 'scripts', 'build-node.js'), 'cli'], {
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('building the CLI failed');

  const broker = await startBroker();
  const kafka = new Kafka({ clientId: 'sluice-bench', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const work = mkdtempSync(join(tmpdir(), 'sluice-bench-'));
  let serial = 0;
  const fresh = (prefix: string) => `${prefix}-${startedAt.getTime().toString(36)}-${++serial}`;
  const createTopic = async (partitions: number, prefix: string, configEntries?: ITopicConfig['configEntries']) => {
    const topic = fresh(prefix);
    await createBenchTopic(admin, topic, partitions, configEntries);
    return topic;
  };

  // The output's offsets as a read_committed reader sees them (kafkajs's admin asks for the last
  // stable offset). A transaction's commit returns before the coordinator has written its markers, so
  // right after an exactly-once job exits some partitions may still stop at the transaction's start:
  // ask again for a while before counting records as missing.
  const writtenTo = async (topic: string, expected: number): Promise<number> => {
    const count = async () => (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
    const deadline = Date.now() + COMMIT_MARKERS_WAIT_MS;
    let written = await count();
    while (written < expected && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      written = await count();
    }
    return written;
  };

  const runOne = async (scenario: Scenario, input: string, contender: Contender): Promise<Result> => {
    const output = await createTopic(scenario.partitions, `out-${contender.id}`, outputTopicConfig(scenario));
    const workDir = join(work, fresh(contender.id));
    mkdirSync(workDir, { recursive: true });
    const ctx = {
      root: projectRoot,
      bootstrap: broker.bootstrap,
      input,
      output,
      records: scenario.records,
      groupId: fresh('bench'),
      workDir,
    };
    const timeoutMs = 120_000 + scenario.records * 2; // far above any sane run; a hang must not stall the bench
    settleDisk();
    const m = await measure(contender.start(ctx), timeoutMs);
    const inTopic = await writtenTo(output, scenario.records);
    await admin.deleteTopics({ topics: [output] }).catch(() => undefined);
    const written = contender.handled ? (contender.handled(m.stderr) ?? 0) : inTopic;
    // Exactly-once output also holds one commit marker per partition and transaction.
    const complete = contender.id.endsWith('eos') ? written >= scenario.records : written === scenario.records;
    const failed = m.exitCodes.some((code) => code !== 0) || !complete;
    const batches = contender.copyPath ? readRunBatches(runMetricsFile(ctx)) : undefined;
    if (contender.copyPath && batches && !failed) {
      // A run that finished on the wrong copy path measured something else under this name: stop.
      const problem = copyPathProblem(contender.label, contender.copyPath, batches);
      if (problem) throw new Error(`${describeScenario(scenario)}: ${problem}`);
    }
    const result: Result = {
      scenario,
      contender: contender.id,
      label: contender.label,
      recordsPerSecond: scenario.records / (m.wallMs / 1000),
      rates: [scenario.records / (m.wallMs / 1000)],
      wallMs: m.wallMs,
      peakRssMiB: m.peakRssKiB / 1024,
      ok: !failed,
      ...(batches && 'batchesForwarded' in batches ? { batchesForwarded: batches.batchesForwarded } : {}),
      ...(failed
        ? {
            problem: `exit ${m.exitCodes.map((code) => code ?? 'killed').join('/')}, ${written} of ${scenario.records} records written`,
          }
        : {}),
    };
    const status = failed ? `FAILED (${result.problem}) ${m.stderr.trim().split('\n').slice(-3).join(' | ')}` : '';
    log(
      `  ${contender.id.padEnd(20)} ${Math.round(result.recordsPerSecond).toString().padStart(8)} records/s  ${(m.wallMs / 1000).toFixed(1).padStart(6)} s  ${Math.round(result.peakRssMiB).toString().padStart(5)} MiB ${status}`,
    );
    return result;
  };

  const scenarios: Scenario[] = [];
  for (const valueBytes of [100, 1024]) {
    for (const partitions of partitionCounts) {
      const records = valueBytes === 100 ? smallRecords : largeRecords;
      if (records > 0 && contenders.length > 0) scenarios.push({ valueBytes, partitions, records });
    }
  }
  const results: Result[] = [];
  try {
    for (const scenario of scenarios) {
      const input = await createTopic(scenario.partitions, 'in');
      log(`${describeScenario(scenario)}: writing the input`);
      await produceInput(broker.bootstrap, input, scenario.records, scenario.valueBytes);
      const runs: Result[] = [];
      for (let round = 0; round < repeat; round++) {
        const order = round % 2 === 0 ? contenders : [...contenders].reverse();
        for (const contender of order) runs.push(await runOne(scenario, input, contender));
      }
      for (const contender of contenders) results.push(best(runs.filter((r) => r.contender === contender.id)));
      await admin.deleteTopics({ topics: [input] }).catch(() => undefined);
    }

    let shallow: ShallowBenchResult | undefined;
    if (runShallow) {
      shallow = await benchShallow({
        sizes: [
          { valueBytes: 100, records: smallRecords },
          { valueBytes: 1024, records: largeRecords },
        ],
        partitions: partitionCounts,
        repeat,
        input: async (scenario) => {
          const topic = await createTopic(scenario.partitions, 'in-shallow');
          await produceInput(broker.bootstrap, topic, scenario.records, scenario.valueBytes, scenario.compression);
          return topic;
        },
        run: runOne,
        dropTopic: (topic) =>
          admin.deleteTopics({ topics: [topic] }).then(
            () => undefined,
            () => undefined,
          ),
        measured: results,
        log,
      });
    }

    let replay: Result | undefined;
    if (runReplay && replayRecords > 0) {
      const scenario: Scenario = { valueBytes: 100, partitions: 6, records: replayRecords };
      const input = await createTopic(scenario.partitions, 'replay');
      log(`replay, ${describeScenario(scenario)}: writing the input`);
      await produceInput(broker.bootstrap, input, scenario.records, scenario.valueBytes);
      replay = await runOne(scenario, input, replayContender);
    }

    let tunnel: TunnelBenchResult | undefined;
    if (runTunnel && tunnelRecords > 0) {
      // Same broker, same job, direct and through an OpenSSH jump host on loopback (its own sshd).
      log(`tunnel: ${tunnelRecords.toLocaleString('en-US')} records, 100 B values, 3 partitions, direct vs SSH tunnel`);
      tunnel = await benchTunnel({ records: tunnelRecords, repeat, bootstrap: broker.bootstrap, log });
    }

    let codecs: CodecBenchResult | undefined;
    if (runCodecs && codecRecords > 0) {
      const scenario: Scenario = { valueBytes: 100, partitions: 6, records: codecRecords };
      log(`codecs, ${describeScenario(scenario)}: reading and writing ${compressionNames.join(', ')}`);
      codecs = await benchCodecs({
        scenario,
        repeat,
        input: async (codec) => {
          const topic = await createTopic(scenario.partitions, `in-${codec}`);
          await produceInput(broker.bootstrap, topic, scenario.records, scenario.valueBytes, codec);
          return topic;
        },
        run: runOne,
        dropTopic: (topic) => admin.deleteTopics({ topics: [topic] }).catch(() => undefined),
        log,
      });
    }

    let registry: RegistryBenchResult | undefined;
    if (runRegistry && registryRecords > 0) {
      const scenario: Scenario = { valueBytes: 100, partitions: 6, records: registryRecords };
      log(`registry, ${registryRecords.toLocaleString('en-US')} records, 6 partitions: Avro beside JSON`);
      registry = await benchRegistry({
        scenario,
        repeat,
        bootstrap: broker.bootstrap,
        createTopic: (prefix) => createTopic(scenario.partitions, prefix),
        dropTopic: (topic) =>
          admin.deleteTopics({ topics: [topic] }).then(
            () => undefined,
            () => undefined,
          ),
        run: runOne,
        workDir: work,
        log,
      });
    }

    let consoleResult: ConsoleBenchResult | undefined;
    if (runConsole) {
      log('console: time to interactive, partition table with 10,000 partitions, IPC round trip, in Chromium');
      consoleResult = await benchConsole({ bootstrap: broker.bootstrap, quick: args.quick, log });
    }

    const lag = runLag ? await benchLag({ kafka, groups: args.quick ? 200 : 2_000, cycles: 5, log }) : undefined;

    const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
    const registrySection = registry ? renderRegistrySection(registry, { command }) : undefined;
    const lagSection = lag ? renderLagSection(lag) : undefined;
    const shallowSection = shallow ? renderShallowSection(shallow, { command }) : undefined;
    const alone = [registrySection, lagSection, shallowSection].filter((section) => section !== undefined);
    if (alone.length > 0 && scenarios.length === 0 && !replay && !tunnel && !codecs && !consoleResult) {
      // The registry, lag and/or shallow sections alone: refresh them in the existing file and keep every
      // other section; a section that could not run leaves the file as it was.
      if (registry?.failed) throw new Error(`the Schema Registry section could not run: ${registry.failed}`);
      const existing = existsSync(args.output) ? readFileSync(args.output, 'utf8') : '';
      await writeFileAtomic(args.output, alone.reduce(spliceSection, existing));
      log(`refreshed ${alone.map((section) => section.split('\n', 1)[0]).join(', ')} of ${args.output}`);
      return;
    }
    const report = renderReport({
      startedAt,
      durationMs: Date.now() - startedAt.getTime(),
      loadAtStart,
      kafkaVersion: KAFKA_VERSION,
      brokerNote: broker.note,
      command,
      scenarios,
      results,
      replay,
      tunnel,
      targets: [...targets(scenarios, results, replay, tunnel), ...consoleTargets(consoleResult)],
    });
    const sections = [
      report,
      ...(shallowSection ? [shallowSection] : []),
      ...(codecs ? [renderCodecSection(codecs, describeScenario)] : []),
      ...(registrySection ? [registrySection] : []),
      ...(consoleResult ? [renderConsoleSection(consoleResult)] : []),
      ...(lagSection ? [lagSection] : []),
    ];
    await writeFileAtomic(args.output, sections.join('\n'));
    log(`wrote ${args.output}`);
  } finally {
    await admin.disconnect();
    rmSync(work, { recursive: true, force: true });
    await broker.stop();
  }
}

/** The goals from the brief, checked per scenario. */
function targets(
  scenarios: Scenario[],
  results: Result[],
  replay: Result | undefined,
  tunnel: TunnelBenchResult | undefined,
): Target[] {
  const rate = (scenario: Scenario, id: string) => {
    const r = results.find((x) => x.scenario === scenario && x.contender === id);
    return r?.ok ? r.recordsPerSecond : undefined;
  };
  const ratio = (
    name: string,
    goal: string,
    a: string,
    b: string,
    check: (q: number) => boolean,
    show: (q: number) => string,
  ): Target => ({
    name,
    goal,
    measured: scenarios.map((scenario) => {
      const x = rate(scenario, a);
      const y = rate(scenario, b);
      const q = x !== undefined && y !== undefined ? x / y : undefined;
      return {
        where: describeScenario(scenario),
        value: q === undefined ? 'not measured' : show(q),
        met: q === undefined ? undefined : check(q),
      };
    }),
  });
  return [
    ratio(
      'at-least-once vs raw kafkajs loop',
      '>= 0.9×',
      'sluice-alo',
      'raw-kafkajs',
      (q) => q >= 0.9,
      (q) => `${q.toFixed(2)}×`,
    ),
    ratio(
      'exactly-once vs at-least-once',
      '>= 0.5×',
      'sluice-eos',
      'sluice-alo',
      (q) => q >= 0.5,
      (q) => `${q.toFixed(2)}×`,
    ),
    ratio(
      'cost of a checkpoint every second',
      '<= 5%',
      'sluice-alo',
      'sluice-alo-nocp',
      (q) => 1 - q <= 0.05,
      (q) => `${((1 - q) * 100).toFixed(1)}%`,
    ),
    {
      name: 'peak RSS while replaying',
      goal: '< 300 MiB',
      measured: replay
        ? [
            {
              where: describeScenario(replay.scenario),
              value: `${Math.round(replay.peakRssMiB)} MiB`,
              met: replay.ok && replay.peakRssMiB < 300,
            },
          ]
        : [{ where: 'replay skipped', value: 'not measured', met: undefined }],
    },
    {
      name: 'job through the SSH tunnel vs direct',
      goal: '>= 0.7×',
      measured: [
        tunnel
          ? {
              where: 'at-least-once job, 100 B values, 3 partitions',
              value: `${tunnel.ratio.toFixed(2)}×`,
              met: tunnel.ratio >= 0.7,
            }
          : { where: 'tunnel skipped', value: 'not measured', met: undefined },
      ],
    },
  ];
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[bench] failed: ${(error as Error).stack ?? error}`);
    process.exit(1);
  },
);
