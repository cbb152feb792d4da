import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { descendantPids, isComponentAlive, stopComponentProcess } from './process-control.js';

/** A shell whose command line carries a unique marker (standing in for a config path) and has a child. */
function spawnMarked(script: string): { pid: number; marker: string } {
  const marker = `/tmp/bench-marker-${randomBytes(4).toString('hex')}`;
  const child = spawn('sh', ['-c', `${script}; : ${marker}`], { stdio: 'ignore' });
  if (child.pid === undefined) throw new Error('sh did not start');
  return { pid: child.pid, marker };
}

/** Exited processes may linger as zombies when pid 1 does not reap orphans, as in a container. */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

describe('stopComponentProcess', () => {
  it('terminates the process and its children, and trusts a pid only with its command line', async () => {
    const { pid, marker } = spawnMarked('sleep 60 & wait');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const children = descendantPids(pid);
    expect(children.length).toBeGreaterThan(0);
    expect(isComponentAlive({ pid, configPath: marker })).toBe(true);
    expect(isComponentAlive({ pid, configPath: '/some/other/config' })).toBe(false);

    expect(await stopComponentProcess({ pid, configPath: marker })).toBe('terminated');
    expect(isComponentAlive({ pid, configPath: marker })).toBe(false);
    for (const child of children) expect(running(child), `child ${child}`).toBe(false);
    expect(await stopComponentProcess({ pid, configPath: marker })).toBe('not-running');
  });

  it('falls back to SIGKILL when SIGTERM is ignored', async () => {
    const { pid, marker } = spawnMarked("trap '' TERM; while :; do sleep 0.1; done");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await stopComponentProcess({ pid, configPath: marker }, { graceMs: 300 })).toBe('killed');
    expect(isComponentAlive({ pid, configPath: marker })).toBe(false);
  });
});
