#!/usr/bin/env node
// `npm test`: install if needed, type-check, lint, build the CLI, then run the unit and
// integration tests (the bench starts real Kafka, ZooKeeper and sshd), and, in a second lane started
// beside them, the core integration tests again against Kafka 4.x (the `kraft4` shape, with a
// ZooKeeper-mode 3.9 broker as the second cluster), then the main run's longest files on a bench of
// their own. Prints a plain "N passed, N failed" line at the end; keeps the bench logs only when
// something failed. Arguments go to the first vitest run and skip the second lane.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureInstalled, root, run } from './lib/steps.js';

// What runs on both release lines: start and stop modes, discovery, exactly-once (crash test
// included), codecs and undecodable records, groups and reports, and lag monitoring (Kafka 4's
// group coordinator writes __consumer_offsets records of its own), and the shallow copy path
// (record batches forwarded as bytes, which each line's broker validates; exactly-once under SIGKILL).
const KAFKA_4_FILES = [
  'engine-start-positions',
  'engine-bounded-restore',
  'engine-discovery',
  'engine-exactly-once',
  'engine-kafka-sink',
  'engine-shallow-copy',
  'shallow-crash',
  'cli-crash',
  'codecs',
  'engine-decode-errors',
  'engine-group-reset',
  'cli-report',
  'lag-monitor',
].map((name) => `test/integration/${name}.test.ts`);

ensureInstalled();
run('npm', ['run', '--silent', 'typecheck'], 'typecheck');
run('npm', ['run', '--silent', 'lint'], 'lint');
run('npm', ['run', '--silent', 'build:cli'], 'build CLI');

const results = join(root, 'test-results');
const benchLogs = join(results, 'bench');
mkdirSync(results, { recursive: true });

/** A vitest run's counts from its JSON report (a crash before any test counts as a failure). */
function counts(report, status) {
  let passed = 0;
  let failed = 0;
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed = json.numPassedTests ?? 0;
    failed = json.numFailedTests ?? 0;
  }
  if (status !== 0 && failed === 0) failed = 1;
  return { passed, failed, ok: status === 0 && failed === 0 && passed > 0 };
}

/** Starts one vitest run; `logPath` takes its output instead of this terminal. Resolves with its counts. */
function vitest(name, args, { env = {}, logPath } = {}) {
  const report = join(results, `vitest-${name}.json`);
  rmSync(report, { force: true });
  const output = logPath ? openSync(logPath, 'w') : 'inherit';
  const child = spawn(
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args],
    { cwd: root, stdio: ['ignore', output, output], env: { ...process.env, ...env } },
  );
  if (logPath) closeSync(output);
  return new Promise((resolve) => {
    child.on('error', () => resolve(counts(report, 1)));
    child.on('exit', (code) => resolve(counts(report, code ?? 1)));
  });
}

const extraArgs = process.argv.slice(2);
// Two lanes, each mostly waiting on brokers: the main run, and beside it the Kafka 4.x pass followed
// by the longest files of the main run on their own bench (3.9, the default shapes), taken out of the
// main run. One after the other the lanes took 27 of the 30 minutes a run may take. Lane two's output
// is printed when it ends.
const SECOND_LANE_FILES = [
  'cli-crash',
  'shallow-crash',
  'flink-export',
  'flink-avro-export',
  'cli-report',
  'codecs',
  'engine-group-reset',
  'cli-groups',
].map((name) => `test/integration/${name}.test.ts`);
const whole = extraArgs.length === 0;
const kafka4Log = join(results, 'vitest-kafka-4.log');
const laneLog = join(results, 'vitest-lane-2.log');
const secondLane = whole
  ? (async () => {
      const kafka4 = await vitest('kafka-4', ['--project', 'integration', ...KAFKA_4_FILES], {
        env: { SLUICE_BENCH_SHAPES: 'kraft4,zk' },
        logPath: kafka4Log,
      });
      const lane = await vitest('lane-2', ['--project', 'integration', ...SECOND_LANE_FILES], { logPath: laneLog });
      return [kafka4, lane];
    })()
  : undefined;
const mainArgs = whole ? SECOND_LANE_FILES.flatMap((file) => ['--exclude', file]) : extraArgs;
const runs = [await vitest('all', mainArgs)];
if (secondLane) {
  runs.push(...(await secondLane));
  console.log(
    '\nKafka 4.x: the core integration tests again, against the newest Kafka 4 on Maven Central (run beside the others)\n',
  );
  process.stdout.write(readFileSync(kafka4Log, 'utf8'));
  console.log(
    `\nThe longest files of the main run, on a bench of their own beside it: ${SECOND_LANE_FILES.join(', ')}\n`,
  );
  process.stdout.write(readFileSync(laneLog, 'utf8'));
}

const passed = runs.reduce((sum, r) => sum + r.passed, 0);
const failed = runs.reduce((sum, r) => sum + r.failed, 0);
const ok = runs.every((r) => r.ok);
if (ok) rmSync(benchLogs, { recursive: true, force: true });
else if (existsSync(benchLogs)) console.error(`\nBench logs kept in ${benchLogs}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
