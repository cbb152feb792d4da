import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { BenchError } from './bench-error.js';

export interface RunLoggedSpec {
  /** Named in the BenchError when the command fails. */
  component: string;
  /** What the command does, e.g. `storage format`; finishes "<component> <what> failed". */
  what: string;
  command: string;
  args: string[];
  logPath: string;
  timeoutMs: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** A hint appended when the command itself cannot be run (missing executable). */
  missingHint?: string;
}

/**
 * Runs a command that must finish (a storage format, a key generation, a maven resolve) with its
 * output appended to a log, turning every way it can go wrong into one BenchError.
 */
export function runLogged(spec: RunLoggedSpec): Promise<void> {
  mkdirSync(dirname(spec.logPath), { recursive: true });
  const log = openSync(spec.logPath, 'a');
  writeSync(log, `\n===== ${new Date().toISOString()} ${spec.what}: ${spec.command} ${spec.args.join(' ')}\n`);
  return new Promise<void>((resolve, reject) => {
    const child = spawn(spec.command, spec.args, {
      stdio: ['ignore', log, log],
      cwd: spec.cwd,
      env: spec.env ?? process.env,
    });
    closeSync(log);
    let settled = false;
    const settle = (failure: string | undefined): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (failure === undefined) resolve();
      else reject(new BenchError({ component: spec.component, failure, logPath: spec.logPath }));
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      settle(`${spec.what} did not finish within ${spec.timeoutMs / 1000}s`);
    }, spec.timeoutMs);
    child.once('error', (error) =>
      settle(
        `${spec.what} could not run ${spec.command}: ${error.message}${spec.missingHint ? `. ${spec.missingHint}` : ''}`,
      ),
    );
    child.once('exit', (code, signal) =>
      settle(
        code === 0
          ? undefined
          : `${spec.what} failed (${spec.command} ${signal ? `killed by ${signal}` : `exit code ${code}`})`,
      ),
    );
  });
}
