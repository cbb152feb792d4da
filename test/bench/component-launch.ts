import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { BenchAborted, BenchError } from './bench-error.js';
import { writeState, type ComponentState, type LaunchSpec } from './component-state.js';
import { stopComponentProcess } from './process-control.js';
import { checkReadiness } from './readiness-probes.js';

export type { LaunchSpec } from './component-state.js';

const POLL_INTERVAL_MS = 500;
const LOOPBACK = '127.0.0.1';

export interface LaunchOptions {
  stateDir: string;
  /** Set when a sibling component failed: stop waiting at once instead of timing out later. */
  signal?: AbortSignal;
  /** Detached children outlive the process that started them (a test worker restarting a node). */
  detached?: boolean;
}

type ExitInfo = { code: number | null; signal: NodeJS.Signals | null } | { error: Error };

function describeExit(exit: ExitInfo): string {
  if ('error' in exit) return exit.error.message;
  return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
}

function spawnLogged(spec: LaunchSpec, detached: boolean): { child: ChildProcess; exited: Promise<ExitInfo> } {
  mkdirSync(dirname(spec.logPath), { recursive: true });
  const log = openSync(spec.logPath, 'a');
  writeSync(
    log,
    `\n===== ${new Date().toISOString()} bench starting ${spec.name}: ${spec.command} ${spec.args.join(' ')}\n`,
  );
  try {
    const child = spawn(spec.command, spec.args, { cwd: spec.cwd, stdio: ['ignore', log, log], detached });
    const exited = new Promise<ExitInfo>((resolve) => {
      child.once('error', (error) => resolve({ error }));
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });
    if (detached) child.unref();
    return { child, exited };
  } finally {
    // The child holds its own copy of the descriptor; ours would only leak.
    closeSync(log);
  }
}

async function awaitReady(spec: LaunchSpec, exited: Promise<ExitInfo>, signal: AbortSignal | undefined): Promise<void> {
  let exit: ExitInfo | undefined;
  void exited.then((info) => (exit = info));
  const deadline = Date.now() + spec.readyDeadlineMs;
  let lastProblem = 'no check has run yet';
  for (;;) {
    await new Promise((resolve) => setImmediate(resolve));
    if (exit) {
      throw new BenchError({
        component: spec.name,
        failure: `exited before it was ready (${describeExit(exit)})`,
        logPath: spec.logPath,
      });
    }
    if (signal?.aborted) throw new BenchAborted(spec.name);
    if (Date.now() > deadline) {
      throw new BenchError({
        component: spec.name,
        failure: `was not ready within ${spec.readyDeadlineMs / 1000}s (last check: ${lastProblem})`,
        logPath: spec.logPath,
      });
    }
    const problem = await checkReadiness(LOOPBACK, spec.ports, spec.readiness);
    if (problem === undefined && !exit) return;
    lastProblem = problem ?? lastProblem;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

/**
 * Starts one component with its output in its log file, records it in a state file, and returns
 * once it is really serving. On any failure the process is stopped before the BenchError is thrown,
 * so a failed start leaves nothing running.
 */
export async function launchComponent(spec: LaunchSpec, options: LaunchOptions): Promise<ComponentState> {
  const { child, exited } = spawnLogged(spec, options.detached ?? false);
  if (child.pid === undefined) {
    const exit = await exited;
    throw new BenchError({
      component: spec.name,
      failure: `could not be started: ${spec.command} failed (${describeExit(exit)})`,
      logPath: spec.logPath,
    });
  }
  const state: ComponentState = {
    name: spec.name,
    pid: child.pid,
    running: true,
    command: spec.command,
    args: spec.args,
    cwd: spec.cwd,
    configPath: spec.configPath,
    logPath: spec.logPath,
    ports: spec.ports,
    readiness: spec.readiness,
    readyDeadlineMs: spec.readyDeadlineMs,
    stopOrder: spec.stopOrder,
    startedAt: new Date().toISOString(),
  };
  writeState(options.stateDir, state);
  try {
    await awaitReady(spec, exited, options.signal);
  } catch (error) {
    await stopComponentProcess(state, { graceMs: 5_000 });
    throw error;
  }
  return state;
}
