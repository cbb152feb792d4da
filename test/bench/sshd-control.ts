import { inject } from 'vitest';
import { isComponentRunning, restartComponent, stopComponent, type StopOptions } from './component-control.js';

const NAME = 'sshd';

function stateDir(): string {
  const bench = inject('bench');
  if (!bench.sshd) throw new Error('the sshd shape is not running; include it in SLUICE_BENCH_SHAPES');
  return bench.stateDir;
}

/**
 * Stops the jump host mid-test. By default its open sessions (and so every tunnel through it) go
 * too, as when the host goes down; `keepChildren: true` stops only the listener, as a reload does.
 */
export async function stopSshd(options: StopOptions = {}): Promise<void> {
  await stopComponent(stateDir(), NAME, options);
}

/** Starts sshd again on the same port with the same keys; resolves once a key login works. */
export async function startSshd(): Promise<void> {
  await restartComponent(stateDir(), NAME);
}

export function isSshdRunning(): boolean {
  return isComponentRunning(stateDir(), NAME);
}
