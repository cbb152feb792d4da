import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClusterProfile } from '../spec/cluster-profile.js';
import { checkCluster, type CheckStep, type RunningCheckStep } from './cluster-check.js';

// Port 1 on loopback refuses at once: the steps up to the failure run for real, nothing waits.
const refused = '127.0.0.1:1';

function recorder() {
  const events: { index: number; step: string; status: string }[] = [];
  const onStep = (step: CheckStep | RunningCheckStep, index: number) =>
    events.push({ index, step: step.step, status: step.status });
  return { events, onStep };
}

describe('checkCluster progress', () => {
  it('reports each step as it starts and as it ends, at its place in the result', async () => {
    const { events, onStep } = recorder();
    const profile: ClusterProfile = { name: 'down', bootstrapServers: [refused] };
    const result = await checkCluster(profile, { onStep });
    expect(result.ok).toBe(false);
    expect(result.steps.map((s) => `${s.step}:${s.status}`)).toEqual(['bootstrap:failed', 'metadata:skipped']);
    expect(events).toEqual([
      { index: 0, step: 'bootstrap', status: 'running' },
      { index: 0, step: 'bootstrap', status: 'failed' },
      { index: 1, step: 'metadata', status: 'skipped' },
    ]);
  });

  it('reports the SSH connect step before the jump host answers', async () => {
    const { events, onStep } = recorder();
    const profile: ClusterProfile = {
      name: 'ssh-down',
      bootstrapServers: ['broker:9092'],
      ssh: {
        host: '127.0.0.1',
        port: 1,
        user: 'ops',
        auth: { type: 'password', password: { secret: 'env:H2_SSH_PASSWORD' } },
        keepaliveIntervalMs: 15_000,
        keepaliveCountMax: 3,
        connectTimeoutMs: 5_000,
        reconnect: { initialDelayMs: 500, maxDelayMs: 30_000 },
      },
    };
    const result = await checkCluster(profile, { onStep, env: { H2_SSH_PASSWORD: 'x' } });
    expect(result.steps.map((s) => `${s.step}:${s.status}`)).toEqual([
      'ssh-connect:failed',
      'host-key:skipped',
      'ssh-auth:skipped',
      'bootstrap:skipped',
      'metadata:skipped',
    ]);
    expect(events.slice(0, 2)).toEqual([
      { index: 0, step: 'ssh-connect', status: 'running' },
      { index: 0, step: 'ssh-connect', status: 'failed' },
    ]);
    expect(events).toHaveLength(6);
  });

  it('keeps working when the listener throws, and without one', async () => {
    const keyPath = join(mkdtempSync(join(tmpdir(), 'h2-check-')), 'missing-key');
    const profile: ClusterProfile = {
      name: 'no-key',
      bootstrapServers: [refused],
      ssh: {
        host: '127.0.0.1',
        port: 1,
        user: 'ops',
        auth: { type: 'private-key', path: keyPath },
        keepaliveIntervalMs: 15_000,
        keepaliveCountMax: 3,
        connectTimeoutMs: 5_000,
        reconnect: { initialDelayMs: 500, maxDelayMs: 30_000 },
      },
    };
    const throwing = await checkCluster(profile, {
      onStep: () => {
        throw new Error('display broke');
      },
    });
    const quiet = await checkCluster(profile);
    for (const result of [throwing, quiet]) {
      expect(result.steps[0]).toMatchObject({ step: 'ssh-auth', status: 'failed', error: { hintId: 'file-access' } });
    }
  });

  it('fails the bootstrap step when the address accepts connections but never answers Kafka', async () => {
    const silent = createServer(() => undefined).listen(0, '127.0.0.1');
    await new Promise((resolve) => silent.once('listening', resolve));
    try {
      const target = `127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const { events, onStep } = recorder();
      const result = await checkCluster(
        { name: 'silent', bootstrapServers: [target], connectionTimeoutMs: 500, requestTimeoutMs: 500 },
        { onStep },
      );
      expect(result.steps.map((s) => `${s.step}:${s.status}`)).toEqual(['bootstrap:failed', 'metadata:skipped']);
      expect(result.steps[0]?.error).toMatchObject({ hintId: 'broker-unreachable', retriable: true });
      expect(result.steps[0]?.error?.message).toContain(
        `${target} accepted the connection but answered no Kafka request`,
      );
      // The display saw the correction: the last word on index 0 is "failed".
      expect(events.filter((e) => e.index === 0).at(-1)).toEqual({ index: 0, step: 'bootstrap', status: 'failed' });
    } finally {
      silent.close();
    }
  });
});
