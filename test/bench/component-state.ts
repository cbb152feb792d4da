import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * How to tell that a component is really serving, kept as data so a test worker can rebuild the
 * probe from a state file after the global setup (another process) started the component.
 */
export type ReadinessCheck =
  | { kind: 'kafka'; bootstrap: string; nodeId: number; clusterId?: string }
  | { kind: 'zookeeper'; host: string; port: number }
  | { kind: 'sshd'; host: string; port: number; user: string; privateKeyPath: string }
  | { kind: 'http'; url: string };

/** How to start one process and tell that it is ready: enough to start it again from any process. */
export interface LaunchSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  /** Also identifies the process: the pid is only trusted while its command line names this file. */
  configPath: string;
  logPath: string;
  /** Every port must be listening before the readiness check runs. */
  ports: number[];
  readiness: ReadinessCheck;
  readyDeadlineMs: number;
  /** Lower stops first: brokers (0) before the ZooKeeper they depend on (1). */
  stopOrder: number;
}

/**
 * Everything needed to stop or restart one process from any process: the global setup writes it,
 * tests that stop and restart a node rewrite it, and the teardown stops whatever pid is current.
 */
export interface ComponentState extends LaunchSpec {
  pid: number;
  /** False while a test has deliberately stopped the component. */
  running: boolean;
  startedAt: string;
}

export function stateFilePath(stateDir: string, name: string): string {
  return join(stateDir, `${name}.json`);
}

/** Written through a rename so a reader in another process never sees half a file. */
export function writeState(stateDir: string, state: ComponentState): void {
  mkdirSync(stateDir, { recursive: true });
  const target = stateFilePath(stateDir, state.name);
  const staging = `${target}.${process.pid}.tmp`;
  writeFileSync(staging, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(staging, target);
}

export function readState(stateDir: string, name: string): ComponentState {
  return JSON.parse(readFileSync(stateFilePath(stateDir, name), 'utf8')) as ComponentState;
}

export function readAllStates(stateDir: string): ComponentState[] {
  let files: string[];
  try {
    files = readdirSync(stateDir).filter((file) => file.endsWith('.json'));
  } catch {
    return [];
  }
  return files.map((file) => JSON.parse(readFileSync(join(stateDir, file), 'utf8')) as ComponentState);
}
