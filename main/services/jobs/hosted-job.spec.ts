import { describe, expect, it } from 'vitest';
import type { FromHost, ToHost } from '../../../engine/job/host/host-protocol';
import { parseJobSpec, type JobSpec } from '../../../engine/spec/index';
import { HostedJob } from './hosted-job';
import type { HostExit, HostProcess } from './job-host-process';

const spec = (): JobSpec => {
  const parsed = parseJobSpec({
    version: 1,
    name: 'j',
    source: { cluster: { profile: 'p' }, topics: ['t'], groupId: 'g' },
    sink: { type: 'none' },
    limits: { memoryMb: 128 },
  });
  if (!parsed.ok) throw new Error('bad fixture');
  return parsed.value;
};

/** A host that answers calls as the test says, and can die. */
function fakeHost() {
  const sent: ToHost[] = [];
  let receive: (m: FromHost) => void = () => undefined;
  let exit: (e: HostExit) => void = () => undefined;
  const host: HostProcess = {
    pid: 77,
    send: (m) => void sent.push(m),
    onMessage: (l) => void (receive = l),
    onExit: (l) => void (exit = l),
    kill: () => undefined,
  };
  return { host, sent, receive: (m: FromHost) => receive(m), exit: (e: HostExit) => exit(e) };
}

describe('HostedJob', () => {
  it('fails at once, and is no longer active, when its connections cannot be read', async () => {
    let launched = false;
    const job = new HostedJob(spec(), {
      stateDir: '/s',
      launch: () => {
        launched = true;
        return fakeHost().host;
      },
      connections: async () => {
        throw Object.assign(new Error('no stored secret "p/sasl"'), { hintId: 'sasl-auth' });
      },
    });
    await expect(job.start()).rejects.toThrow('job "j" cannot start: no stored secret "p/sasl"');
    expect(launched).toBe(false);
    expect(job.state).toBe('failed');
    expect((await job.done()).error).toMatchObject({ hintId: 'sasl-auth' });
  });

  it('starts with the heap limit, follows the host, and turns a dead host into a failure with its hint', async () => {
    const fake = fakeHost();
    const launches: unknown[] = [];
    const job = new HostedJob(spec(), {
      stateDir: '/s',
      launch: (launch) => {
        launches.push(launch);
        return fake.host;
      },
      connections: async () => ({ profiles: {}, secrets: {} }),
    });
    const started = job.start();
    await new Promise((resolve) => setImmediate(resolve));
    expect(launches).toEqual([{ jobName: 'j', memoryLimitMb: 128 }]);
    const call = fake.sent[0]!;
    expect(call).toMatchObject({ call: 'start', start: { stateDir: '/s' } });
    fake.receive({ kind: 'event', event: 'state', payload: { from: 'created', to: 'running', at: 1 } });
    fake.receive({ kind: 'reply', seq: call.seq });
    await started;
    expect(job.state).toBe('running');
    expect(job.pid).toBe(77);
    fake.exit({ code: 134, signal: null, stderr: 'FATAL ERROR: Reached heap limit Allocation failed' });
    const result = await job.done();
    expect(job.state).toBe('failed');
    expect(result.error).toMatchObject({ hintId: 'job-memory-limit' });
    expect(result.error!.message).toContain('its limit of 128 MiB');
  });
});
