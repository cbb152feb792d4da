#!/usr/bin/env node
// `npm test`: install if needed, type-check, lint, build the CLI, then run the unit and
// integration tests (the bench starts real Kafka, ZooKeeper and sshd). Prints a plain
// "N passed, N failed" line at the end; keeps the bench logs only when something failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureInstalled, root, run } from './lib/steps.js';

ensureInstalled();
run('npm', ['run', '--silent', 'typecheck'], 'typecheck');
run('npm', ['run', '--silent', 'lint'], 'lint');
run('npm', ['run', '--silent', 'build:cli'], 'build CLI');

const results = join(root, 'test-results');
const benchLogs = join(results, 'bench');
mkdirSync(results, { recursive: true });
const report = join(results, 'vitest.json');
rmSync(report, { force: true });

const vitest = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);

let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests ?? 0;
  failed = json.numFailedTests ?? 0;
}
const ok = vitest.status === 0 && failed === 0 && passed > 0;
if (ok) rmSync(benchLogs, { recursive: true, force: true });
else if (existsSync(benchLogs)) console.error(`\nBench logs kept in ${benchLogs}`);
if (vitest.status !== 0 && failed === 0) failed = 1; // a crash before any test ran still counts as a failure
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
