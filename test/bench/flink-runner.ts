import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchResultsDir } from './bench-paths.js';
import { ensureFlinkJars, ensureSqlRunner } from './flink-jars.js';
import { javaExecutable } from './java.js';

// Runs an exported Flink SQL script on a local (embedded) Flink with test/flink/SqlRunner.java:
// one JVM per script, parallelism 1, its output in test-results/bench/flink-<name>.log.

export interface FlinkRun {
  /** Resolves when the script ended: every INSERT job finished (bounded) or the runner failed. */
  exited: Promise<{ code: number | null; log: string }>;
  logPath: string;
  /** The log so far. */
  log(): string;
  kill(): void;
}

// Flink's mini cluster in one small JVM; the bench shares two cores with everything else.
const JVM_FLAGS = ['-Xms128m', '-Xmx768m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Djava.awt.headless=true'];
// Java 17 needs these opened for Flink's serializers (Flink's own launch scripts pass the same).
const OPENS = [
  'java.base/java.lang',
  'java.base/java.util',
  'java.base/java.lang.reflect',
  'java.base/java.nio',
  'java.base/java.time',
].flatMap((module) => ['--add-opens', `${module}=ALL-UNNAMED`]);

export async function startFlinkSql(scriptPath: string, name: string, env: NodeJS.ProcessEnv = {}): Promise<FlinkRun> {
  const libs = await ensureFlinkJars();
  const classes = await ensureSqlRunner(libs);
  mkdirSync(benchResultsDir, { recursive: true });
  const logPath = join(benchResultsDir, `flink-${name}.log`);
  const log = openSync(logPath, 'w');
  const child = spawn(
    javaExecutable(),
    [...JVM_FLAGS, ...OPENS, '-cp', `${libs}/*:${classes}`, 'SqlRunner', scriptPath],
    {
      stdio: ['ignore', log, log],
      env: { ...process.env, ...env },
    },
  );
  closeSync(log);
  const read = () => readFileSync(logPath, 'utf8');
  const exited = new Promise<{ code: number | null; log: string }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, log: read() }));
  });
  return { exited, logPath, log: read, kill: () => child.kill('SIGKILL') };
}

/** Runs a bounded script to its end; throws with the log's tail when it fails. */
export async function runFlinkSql(scriptPath: string, name: string, timeoutMs = 180_000): Promise<string> {
  const run = await startFlinkSql(scriptPath, name);
  const timer = setTimeout(() => run.kill(), timeoutMs);
  const { code, log } = await run.exited.finally(() => clearTimeout(timer));
  if (code !== 0 || !log.includes('SQLRUNNER done')) {
    const tail = log
      .split('\n')
      .filter((l) => /SQLRUNNER|Exception|Caused by|ERROR/.test(l))
      .slice(-25)
      .join('\n');
    throw new Error(`Flink SQL ${scriptPath} failed (exit ${code}); log ${run.logPath}:\n${tail}`);
  }
  return log;
}
