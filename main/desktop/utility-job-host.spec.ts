import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { FromHost } from '../../engine/job/host/host-protocol';
import { utilityHostLauncher, type UtilityChild, type UtilityFork } from './utility-job-host';

class FakeUtility extends EventEmitter implements UtilityChild {
  readonly pid = 4242;
  readonly stderr = new PassThrough();
  readonly posted: unknown[] = [];
  killed = false;
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  kill(): boolean {
    this.killed = true;
    return true;
  }
}

describe('utilityHostLauncher', () => {
  it('forks the job host with the heap limit, passes messages both ways and reports the exit with stderr', async () => {
    const child = new FakeUtility();
    const calls: Parameters<UtilityFork>[] = [];
    const launch = utilityHostLauncher((...args) => {
      calls.push(args);
      return child;
    }, '/app/out/main/job-host.js');
    const host = launch({ jobName: 'orders', memoryLimitMb: 256 });
    expect(calls).toEqual([
      [
        '/app/out/main/job-host.js',
        ['orders'],
        { execArgv: ['--max-old-space-size=256'], serviceName: 'Sluice job orders', stdio: 'pipe' },
      ],
    ]);
    expect(host.pid).toBe(4242);
    const received: FromHost[] = [];
    host.onMessage((m) => received.push(m));
    child.emit('message', { kind: 'ready', pid: 4242 });
    expect(received).toEqual([{ kind: 'ready', pid: 4242 }]);
    host.send({ seq: 1, call: 'stop' });
    expect(child.posted).toEqual([{ seq: 1, call: 'stop' }]);
    const exits: unknown[] = [];
    host.onExit((exit) => exits.push(exit));
    child.stderr.write('FATAL ERROR: Reached heap limit\n');
    await new Promise((resolve) => setImmediate(resolve));
    child.emit('exit', 134);
    expect(exits).toEqual([{ code: 134, signal: null, stderr: 'FATAL ERROR: Reached heap limit\n' }]);
    host.send({ seq: 2, call: 'stop' });
    expect(child.posted).toHaveLength(1);
    host.kill();
    expect(child.killed).toBe(true);
  });
});
