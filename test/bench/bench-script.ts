import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from './bench-paths.js';
import { defaultBroker } from './helpers.js';

const run = promisify(execFile);

/**
 * `npm run bench -- <args>` as an operator runs it, on the test bench's broker, writing into a fresh
 * copy of `before` (a BENCHMARKS.md); answers the bench's stdout and the file's path.
 */
export async function runBenchScript(
  args: string[],
  before: string,
  timeoutMs = 240_000,
): Promise<{ stdout: string; output: string }> {
  const output = join(mkdtempSync(join(tmpdir(), 'sluice-bench-script-')), 'BENCHMARKS.md');
  writeFileSync(output, before);
  const env = { ...process.env };
  delete env['NODE_ENV']; // kafkajs shortens retries in test mode
  const argv = ['--import', 'tsx', join(projectRoot, 'scripts', 'bench.ts'), ...args];
  argv.push('--bootstrap', defaultBroker().bootstrap, '--output', output);
  const { stdout } = await run(process.execPath, argv, { cwd: projectRoot, env, timeout: timeoutMs });
  return { stdout, output };
}
