import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { BenchError } from './bench-error.js';
import { writeState, type ComponentState } from './component-state.js';
import type { Netns } from './netns.js';
import { isComponentAlive, stopComponentProcess } from './process-control.js';

export interface NetnsLaunchSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  /** Named on the command line: it identifies the process (see process-control). */
  configPath: string;
  logPath: string;
  /** Undefined when ready, else why not yet. Probes run from outside or via `ip netns exec`. */
  ready: () => Promise<string | undefined>;
  readyDeadlineMs: number;
}

/** A process running inside a namespace; stop and start it again as a test needs. */
export interface NetnsProcess {
  readonly name: string;
  readonly logPath: string;
  pid(): number;
  isRunning(): boolean;
  /** graceMs 0 kills at once, like a crash; its children (e.g. sshd sessions) go too. */
  stop(options?: { graceMs?: number }): Promise<void>;
  start(): Promise<void>;
}

const POLL_MS = 300;

/**
 * Starts a component with `ip netns exec`, which execs the command in place, so the pid is the
 * component's own. The bench's launcher cannot be used: its readiness probes dial 127.0.0.1 here,
 * which is not the namespace's loopback. The state file goes to the run's state directory as a
 * safety net: the global teardown stops whatever is still running from there.
 */
export async function launchInNetns(ns: Netns, spec: NetnsLaunchSpec, stateDir: string): Promise<NetnsProcess> {
  let state: ComponentState | undefined;

  const start = async (): Promise<void> => {
    mkdirSync(dirname(spec.logPath), { recursive: true });
    const log = openSync(spec.logPath, 'a');
    const line = ns.exec(spec.command, spec.args);
    writeSync(log, `\n===== ${new Date().toISOString()} starting ${spec.name} in ${ns.name}: ${line.args.join(' ')}\n`);
    const child = spawn(line.command, line.args, { cwd: spec.cwd, stdio: ['ignore', log, log], detached: true });
    closeSync(log);
    child.unref();
    let exited: string | undefined;
    child.once('error', (error) => (exited = error.message));
    child.once('exit', (code, signal) => (exited = signal ? `killed by ${signal}` : `exit code ${code}`));
    const current: ComponentState = {
      name: spec.name,
      pid: child.pid ?? -1,
      running: true,
      command: line.command,
      args: line.args,
      cwd: spec.cwd,
      configPath: spec.configPath,
      logPath: spec.logPath,
      ports: [],
      // Only for the record: component-control cannot restart a namespaced process.
      readiness: { kind: 'zookeeper', host: ns.address, port: 0 },
      readyDeadlineMs: spec.readyDeadlineMs,
      stopOrder: 0,
      startedAt: new Date().toISOString(),
    };
    state = current;
    writeState(stateDir, current);
    const deadline = Date.now() + spec.readyDeadlineMs;
    let last = 'no check has run yet';
    for (;;) {
      if (exited !== undefined) {
        throw new BenchError({
          component: spec.name,
          failure: `exited before it was ready (${exited})`,
          logPath: spec.logPath,
        });
      }
      if (Date.now() > deadline) {
        await stop({ graceMs: 2_000 });
        throw new BenchError({
          component: spec.name,
          failure: `was not ready within ${spec.readyDeadlineMs / 1000}s (last check: ${last})`,
          logPath: spec.logPath,
        });
      }
      const problem = await spec.ready().catch((error: Error) => error.message);
      if (problem === undefined && exited === undefined) return;
      last = problem ?? last;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  };

  const stop = async (options: { graceMs?: number } = {}): Promise<void> => {
    if (!state) return;
    await stopComponentProcess(state, { graceMs: options.graceMs ?? 10_000 });
    writeState(stateDir, { ...state, running: false });
  };

  await start();
  return {
    name: spec.name,
    logPath: spec.logPath,
    pid: () => state?.pid ?? -1,
    isRunning: () => (state ? isComponentAlive(state) : false),
    stop,
    start,
  };
}
