import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file so the bench works from any working directory. */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Downloads that survive runs (Kafka jars, sandbox data); gitignored. */
export const cacheDir = join(projectRoot, '.cache');

/** Where each bench run keeps its logs, configs and state files; gitignored. */
export const benchResultsDir = join(projectRoot, 'test-results', 'bench');

/** The directory holding the Kafka poms and logging configs. */
export const kafkaConfigDir = join(projectRoot, 'test', 'kafka');

export interface RunDirs {
  runId: string;
  runDir: string;
  logDir: string;
  configDir: string;
  dataDir: string;
  stateDir: string;
}

/** Creates a fresh per-run directory; the id sorts by time and carries the pid to stay unique. */
export function createRunDirs(root = benchResultsDir): RunDirs {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const runId = `${stamp}-${process.pid}-${Math.random().toString(36).slice(2, 6)}`;
  const runDir = join(root, runId);
  const dirs: RunDirs = {
    runId,
    runDir,
    logDir: join(runDir, 'logs'),
    configDir: join(runDir, 'config'),
    dataDir: join(runDir, 'data'),
    stateDir: join(runDir, 'state'),
  };
  for (const dir of [dirs.logDir, dirs.configDir, dirs.dataDir, dirs.stateDir]) mkdirSync(dir, { recursive: true });
  return dirs;
}
