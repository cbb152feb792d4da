import { readFileSync, readdirSync } from 'node:fs';
import type { ComponentState } from './component-state.js';

const STOP_GRACE_MS = 20_000;
const KILL_GRACE_MS = 5_000;

function pidRunning(pid: number): boolean {
  return procStatus(pid).alive;
}

function procStatus(pid: number): { alive: boolean; cmdline: string } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The state letter follows the parenthesised command name; a zombie has already exited.
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    return { alive: state !== 'Z' && state !== 'X', cmdline };
  } catch {
    return { alive: false, cmdline: '' };
  }
}

/**
 * True while the pid still runs the component's command. Checking the command line guards against
 * a recycled pid: a state file can outlive its process by hours on a developer machine.
 */
export function isComponentAlive(state: Pick<ComponentState, 'pid' | 'configPath'>): boolean {
  if (state.pid <= 0) return false;
  const { alive, cmdline } = procStatus(state.pid);
  return alive && cmdline.includes(state.configPath);
}

/** Every process below `pid`, found through the parent pid in /proc/<pid>/stat. */
export function descendantPids(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift() ?? -1) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await sleep(50);
  }
  return condition();
}

function waitUntilGone(state: Pick<ComponentState, 'pid' | 'configPath'>, timeoutMs: number): Promise<boolean> {
  return waitUntil(() => !isComponentAlive(state), timeoutMs);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone: nothing to stop.
  }
}

/**
 * SIGTERM lets Kafka do a controlled shutdown (hand over leadership, flush logs); SIGKILL after the
 * grace period keeps a wedged JVM from holding up the whole run.
 */
export async function stopComponentProcess(
  state: Pick<ComponentState, 'pid' | 'configPath'>,
  options: { graceMs?: number; keepChildren?: boolean } = {},
): Promise<'not-running' | 'terminated' | 'killed'> {
  if (!isComponentAlive(state)) return 'not-running';
  // Collected first: once the parent is gone its children are re-parented and can't be found.
  // For sshd these are the open sessions, which would otherwise outlive the server.
  const children = options.keepChildren ? [] : descendantPids(state.pid);
  signal(state.pid, 'SIGTERM');
  for (const child of children) signal(child, 'SIGTERM');
  const gone = await waitUntilGone(state, options.graceMs ?? STOP_GRACE_MS);
  if (!gone) {
    signal(state.pid, 'SIGKILL');
    await waitUntilGone(state, KILL_GRACE_MS);
  }
  const lingering = children.filter(pidRunning);
  for (const child of lingering) signal(child, 'SIGKILL');
  await waitUntil(() => !lingering.some(pidRunning), KILL_GRACE_MS);
  return gone ? 'terminated' : 'killed';
}
