import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SluiceError } from '../../engine/errors/index.js';
import type { ClusterProfile } from '../../engine/spec/cluster-profile.js';
import { ClusterConnections } from '../../engine/transport/cluster-connections.js';
import { waitFor } from '../bench/helpers.js';
import { startTunnelBench, tunnelProfile, type TunnelBench } from '../bench/netns-fixture.js';

// The jump host's side of the tunnel: every way in that must work, and every way that must be
// refused before anything connects. sshd runs in its own network namespace; nothing else does.

const execFileAsync = promisify(execFile);
let bench: TunnelBench;

beforeAll(async () => {
  bench = await startTunnelBench('tunnel-ssh', { needsKafka: false });
});
afterAll(async () => {
  await bench?.teardown();
});

/** Opens the profile's SSH connection as `sluice run` would; returns the tunnel's state, then closes. */
async function resolve(profile: ClusterProfile, options: { env?: NodeJS.ProcessEnv; trustHostKey?: string } = {}) {
  const connections = new ClusterConnections({ lookup: () => profile, env: options.env ?? {}, ...options });
  try {
    const connection = await connections.resolve(profile.name);
    const tunnel = await connections.tunnel(profile.name);
    return { connection, state: tunnel?.state, fingerprint: tunnel?.hostKeyFingerprint };
  } finally {
    await connections.close();
  }
}

/** The refusal, and proof that sshd accepted no login while it happened. */
async function refused(profile: ClusterProfile, options: { env?: NodeJS.ProcessEnv; trustHostKey?: string } = {}) {
  const before = bench.sshd.acceptedLogins();
  const error = await resolve(profile, options).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SluiceError);
  expect(bench.sshd.acceptedLogins()).toBe(before);
  return error as SluiceError;
}

describe('SSH jump host: ways in', () => {
  it('logs in with a private key and trusts the host through known_hosts', async () => {
    const before = bench.sshd.acceptedLogins();
    const result = await resolve(tunnelProfile(bench.sshd, { name: 'key' }));
    expect(result.state).toBe('ready');
    expect(result.fingerprint).toBe(bench.sshd.hostKeyFingerprint);
    expect(typeof result.connection.socketFactory).toBe('function');
    await waitFor(() => bench.sshd.acceptedLogins() === before + 1, { message: 'sshd to log the login' });
  });

  it('logs in with a passphrase-protected key, the passphrase from a 0600 secret file', async () => {
    const secret = join(bench.ctx.dataDir, 'passphrase');
    writeFileSync(secret, `${bench.sshd.passphrase}\n`, { mode: 0o600 });
    chmodSync(secret, 0o600);
    const profile = tunnelProfile(bench.sshd, {
      name: 'passphrase',
      ssh: {
        ...sshBase(),
        auth: { type: 'private-key', path: bench.sshd.passphraseKeyPath, passphrase: { secret: `file:${secret}` } },
      },
    });
    expect((await resolve(profile)).state).toBe('ready');

    chmodSync(secret, 0o644);
    const loose = await refused(profile);
    expect(loose.message).toContain(`has mode 644`);
  });

  it('logs in with a password from the environment', async () => {
    const profile = tunnelProfile(bench.sshd, {
      name: 'password',
      ssh: { ...sshBase(), auth: { type: 'password', password: { secret: 'env:JUMP_PASSWORD' } } },
    });
    expect((await resolve(profile, { env: { JUMP_PASSWORD: bench.sshd.password } })).state).toBe('ready');
  });

  it('logs in through an SSH agent (SSH_AUTH_SOCK)', async () => {
    // A short path: unix socket paths are limited to about 100 bytes.
    const socket = join(mkdtempSync(join(tmpdir(), 'sluice-agent-')), 'agent.sock');
    const agent: ChildProcess = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    try {
      await waitFor(() => existsSync(socket), { message: 'ssh-agent to listen' });
      await execFileAsync('ssh-add', [bench.sshd.privateKeyPath], { env: { ...process.env, SSH_AUTH_SOCK: socket } });
      const profile = tunnelProfile(bench.sshd, { name: 'agent', ssh: { ...sshBase(), auth: { type: 'agent' } } });
      expect((await resolve(profile, { env: { SSH_AUTH_SOCK: socket } })).state).toBe('ready');
    } finally {
      agent.kill();
    }
  });
});

describe('SSH jump host: refused before anything connects', () => {
  it('refuses an unknown host key without a decision, naming the fingerprint, and takes an explicit one', async () => {
    const empty = join(bench.ctx.dataDir, 'known_hosts_empty');
    writeFileSync(empty, '');
    const profile = tunnelProfile(bench.sshd, {
      name: 'unknown',
      ssh: { ...sshBase(), hostKey: { knownHostsFile: empty } },
    });
    const error = await refused(profile);
    expect(error.hintId).toBe('ssh-host-key-unknown');
    expect(error.message).toContain(bench.sshd.hostKeyFingerprint);
    expect(error.message).toContain(`--trust-host-key ${bench.sshd.hostKeyFingerprint}`);
    expect(error.message).toContain(`[${bench.sshd.host}]:${bench.sshd.port} ${bench.sshd.hostPublicKey}`);

    const otherKey = `SHA256:${'x'.repeat(43)}`;
    const declined = await refused(profile, { trustHostKey: otherKey });
    expect(declined.hintId).toBe('ssh-host-key-unknown');
    expect(declined.message).toContain(`--trust-host-key given (${otherKey}) is not this key`);

    const decided = await resolve(profile, { trustHostKey: bench.sshd.hostKeyFingerprint });
    expect(decided.state).toBe('ready');
  });

  it('refuses a changed host key, showing both fingerprints, even with a trust decision', async () => {
    const profile = tunnelProfile(bench.sshd, {
      name: 'changed',
      ssh: { ...sshBase(), hostKey: { knownHostsFile: bench.sshd.wrongKnownHostsPath } },
    });
    const error = await refused(profile, { trustHostKey: bench.sshd.hostKeyFingerprint });
    expect(error.hintId).toBe('ssh-host-key-changed');
    const expected = /expects (SHA256:\S+), the host presented ssh-ed25519 (SHA256:\S+)\./.exec(error.message);
    expect(expected?.[1]).toMatch(/^SHA256:/);
    expect(expected?.[1]).not.toBe(bench.sshd.hostKeyFingerprint);
    expect(expected?.[2]).toBe(bench.sshd.hostKeyFingerprint);
    expect(error.message).toContain(bench.sshd.wrongKnownHostsPath);
  });

  it('refuses a host key that does not match the pinned fingerprint', async () => {
    const pinned = `SHA256:${'A'.repeat(43)}`;
    const error = await refused(
      tunnelProfile(bench.sshd, { name: 'pinned', ssh: { ...sshBase(), hostKey: { fingerprint: pinned } } }),
    );
    expect(error.hintId).toBe('ssh-host-key-changed');
    expect(error.message).toContain(pinned);
    expect(error.message).toContain(bench.sshd.hostKeyFingerprint);
    const right = tunnelProfile(bench.sshd, {
      name: 'pinned-right',
      ssh: { ...sshBase(), hostKey: { fingerprint: bench.sshd.hostKeyFingerprint } },
    });
    expect((await resolve(right)).state).toBe('ready');
  });

  it('refuses a wrong password', async () => {
    const profile = tunnelProfile(bench.sshd, {
      name: 'wrong-password',
      ssh: { ...sshBase(), auth: { type: 'password', password: { secret: 'env:JUMP_PASSWORD' } } },
    });
    const error = await refused(profile, { env: { JUMP_PASSWORD: 'not-the-password' } });
    expect(error.hintId).toBe('ssh-auth');
    expect(error.message).toContain(`refused user "${bench.sshd.user}"`);
  });

  it('refuses a key that is not authorized, and a wrong passphrase', async () => {
    const stranger = await refused(
      tunnelProfile(bench.sshd, {
        name: 'stranger',
        ssh: { ...sshBase(), auth: { type: 'private-key', path: bench.sshd.strangerKeyPath } },
      }),
    );
    expect(stranger.hintId).toBe('ssh-auth');
    const wrongPassphrase = await refused(
      tunnelProfile(bench.sshd, {
        name: 'wrong-passphrase',
        ssh: {
          ...sshBase(),
          auth: { type: 'private-key', path: bench.sshd.passphraseKeyPath, passphrase: { secret: 'env:P' } },
        },
      }),
      { env: { P: 'wrong' } },
    );
    expect(wrongPassphrase.hintId).toBe('ssh-auth');
    expect(wrongPassphrase.message).toMatch(/private key/);
  });

  it('reports an unreachable jump host', async () => {
    const error = await refused(tunnelProfile(bench.sshd, { name: 'unreachable', ssh: { ...sshBase(), port: 1 } }));
    expect(error.hintId).toBe('ssh-unreachable');
    expect(error.message).toContain(`cannot reach jump host ${bench.sshd.host}:1: connection refused`);
    expect(error.retriable).toBe(true);
  });
});

function sshBase() {
  return {
    host: bench.sshd.host,
    port: bench.sshd.port,
    user: bench.sshd.user,
    auth: { type: 'private-key' as const, path: bench.sshd.privateKeyPath },
    hostKey: { knownHostsFile: bench.sshd.knownHostsPath },
    connectTimeoutMs: 5_000,
  };
}
