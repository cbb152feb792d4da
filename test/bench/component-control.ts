import { launchComponent } from './component-launch.js';
import { readAllStates, readState, writeState, type ComponentState } from './component-state.js';
import { isComponentAlive, stopComponentProcess } from './process-control.js';

export interface StopOptions {
  /** How long SIGTERM gets before SIGKILL; 0 kills at once, like a crash. Default 20 s. */
  graceMs?: number;
  /** Leave child processes running (for sshd: sessions already open survive, as in a reload). */
  keepChildren?: boolean;
}

/** Stops one component by name, from any process, and marks it stopped in its state file. */
export async function stopComponent(stateDir: string, name: string, options: StopOptions = {}): Promise<void> {
  const state = readState(stateDir, name);
  await stopComponentProcess(state, options);
  writeState(stateDir, { ...state, running: false });
}

/**
 * Starts a stopped component again with exactly the command, config and ports it had, detached so
 * it outlives the test worker; the new pid goes into the state file, where the teardown finds it.
 */
export async function restartComponent(stateDir: string, name: string): Promise<ComponentState> {
  const state = readState(stateDir, name);
  if (isComponentAlive(state)) {
    throw new Error(`${name} is still running (pid ${state.pid}); stop it before starting it again`);
  }
  return launchComponent(
    {
      name: state.name,
      command: state.command,
      args: state.args,
      cwd: state.cwd,
      configPath: state.configPath,
      logPath: state.logPath,
      ports: state.ports,
      readiness: state.readiness,
      readyDeadlineMs: state.readyDeadlineMs,
      stopOrder: state.stopOrder,
    },
    { stateDir, detached: true },
  );
}

export function isComponentRunning(stateDir: string, name: string): boolean {
  return isComponentAlive(readState(stateDir, name));
}

/**
 * Stops every component the run recorded, whoever started it last, brokers before the ZooKeeper
 * they need. Components in the same stop group stop in parallel to keep teardown short.
 */
export async function stopAllComponents(stateDir: string): Promise<string[]> {
  const states = readAllStates(stateDir);
  const orders = [...new Set(states.map((state) => state.stopOrder))].sort((a, b) => a - b);
  const report: string[] = [];
  for (const order of orders) {
    const group = states.filter((state) => state.stopOrder === order);
    const outcomes = await Promise.all(group.map((state) => stopComponentProcess(state)));
    group.forEach((state, index) => {
      writeState(stateDir, { ...state, running: false });
      report.push(`${state.name}: ${outcomes[index]}`);
    });
  }
  return report;
}

/**
 * Last resort when the process exits without running the teardown (vitest interrupted): kill what
 * is still alive so no broker outlives the run. Synchronous, because an exit handler cannot wait.
 */
export function killAllComponentsNow(stateDir: string): void {
  for (const state of readAllStates(stateDir)) {
    if (!isComponentAlive(state)) continue;
    try {
      process.kill(state.pid, 'SIGKILL');
    } catch {
      // Gone in the meantime.
    }
  }
}
