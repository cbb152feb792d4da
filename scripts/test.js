#!/usr/bin/env node
// `npm test`: install if needed, type-check, lint, build the CLI, then run the unit and
// integration tests (the bench starts real Kafka, ZooKeeper and sshd), then the core integration
// tests again against Kafka 4.x (the `kraft4` shape, beside a ZooKeeper-mode 3.9 broker as the
// second cluster). Prints a plain "N passed, N failed" line at the end; keeps the bench logs only
// when something failed. Arguments go to the first vitest run and skip the Kafka 4.x pass.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureInstalled, root, run } from './lib/steps.js';

// What runs on both release lines: start and stop modes, discovery, exactly-once (crash test
// included), codecs and undecodable records, groups and reports.
const KAFKA_4_FILES = [
  'engine-start-positions',
  'engine-bounded-restore',
  'engine-discovery',
  'engine-exactly-once',
  'engine-kafka-sink',
  'cli-crash',
  'codecs',
  'engine-decode-errors',
  'engine-group-reset',
  'cli-report',
].map((name) => `test/integration/${name}.test.ts`);

ensureInstalled();
run('npm', ['run', '--silent', 'typecheck'], 'typecheck');
run('npm', ['run', '--silent', 'lint'], 'lint');
run('npm', ['run', '--silent', 'build:cli'], 'build CLI');

const results = join(root, 'test-results');
const benchLogs = join(results, 'bench');
mkdirSync(results, { recursive: true });

/** One vitest run; its counts from the JSON reporter (a crash before any test counts as a failure). */
function vitest(name, args, env = {}) {
  const report = join(results, `vitest-${name}.json`);
  rmSync(report, { force: true });
  const child = spawnSync(
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args],
    { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } },
  );
  let passed = 0;
  let failed = 0;
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed = json.numPassedTests ?? 0;
    failed = json.numFailedTests ?? 0;
  }
  if (child.status !== 0 && failed === 0) failed = 1;
  return { passed, failed, ok: child.status === 0 && failed === 0 && passed > 0 };
}

const extraArgs = process.argv.slice(2);
const runs = [vitest('all', extraArgs)];
if (extraArgs.length === 0) {
  console.log('\nKafka 4.x: the core integration tests again, against the newest Kafka 4 on Maven Central\n');
  runs.push(vitest('kafka-4', ['--project', 'integration', ...KAFKA_4_FILES], { SLUICE_BENCH_SHAPES: 'kraft4,zk' }));
}

const passed = runs.reduce((sum, r) => sum + r.passed, 0);
const failed = runs.reduce((sum, r) => sum + r.failed, 0);
const ok = runs.every((r) => r.ok);
if (ok) rmSync(benchLogs, { recursive: true, force: true });
else if (existsSync(benchLogs)) console.error(`\nBench logs kept in ${benchLogs}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
