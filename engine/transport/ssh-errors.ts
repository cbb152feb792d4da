import { AuthenticationError, ConnectionError, type SluiceError } from '../errors/index.js';
import type { HostKeyVerdict } from './host-key.js';
import { knownHostsName } from './known-hosts.js';

/** The stage of an SSH connection that failed, for `sluice cluster test` and the UI. */
export type SshStage = 'connect' | 'host-key' | 'auth';

export interface SshTarget {
  host: string;
  port: number;
  user: string;
}

const describe = (target: SshTarget) => `jump host ${target.host}:${target.port}`;

/** Why a presented host key was refused; both fingerprints when it changed. */
export function hostKeyError(verdict: Exclude<HostKeyVerdict, { kind: 'trusted' }>, target: SshTarget): SluiceError {
  const details = {
    stage: 'host-key' as SshStage,
    host: target.host,
    port: target.port,
    presented: verdict.fingerprint,
    keyType: verdict.keyType,
  };
  switch (verdict.kind) {
    case 'unknown': {
      const declined =
        verdict.declined === undefined
          ? ''
          : ` The --trust-host-key given (${verdict.declined}) is not this key; nothing was trusted.`;
      return new AuthenticationError(
        `the host key of ${describe(target)} is not known: ${verdict.keyType} ${verdict.fingerprint}.${declined} ` +
          `Compare it with the fingerprint the host's administrator gives you (ssh-keygen -lf on the host key), then ` +
          `rerun with --trust-host-key ${verdict.fingerprint} (this run only), or pin it in the profile as ` +
          `ssh.hostKey.fingerprint, or add this line to the profile's known_hosts file: ${verdict.knownHostsLine}`,
        { hintId: 'ssh-host-key-unknown', details: { ...details, knownHostsLine: verdict.knownHostsLine } },
      );
    }
    case 'changed':
      return new AuthenticationError(
        `the host key of ${describe(target)} has CHANGED: ${verdict.source} expects ${verdict.expected.join(' or ')}, ` +
          `the host presented ${verdict.keyType} ${verdict.fingerprint}. Someone may be intercepting the connection, ` +
          `or the host was reinstalled; refusing to connect. If the change is expected, remove the old key ` +
          `(ssh-keygen -R '${knownHostsName(target.host, target.port)}' -f <known_hosts>) or update ` +
          `ssh.hostKey.fingerprint.`,
        { hintId: 'ssh-host-key-changed', details: { ...details, expected: verdict.expected } },
      );
    case 'revoked':
      return new AuthenticationError(
        `the host key of ${describe(target)} (${verdict.fingerprint}) is marked @revoked in ${verdict.source}; ` +
          `refusing to connect`,
        { hintId: 'ssh-host-key-changed', details },
      );
  }
}

interface Ssh2Error extends Error {
  level?: string;
  code?: string;
}

/** Maps what ssh2 reports (by its `level` and the socket `code`) onto the error taxonomy. */
export function sshConnectError(error: unknown, target: SshTarget, stage: SshStage): SluiceError {
  const e = error as Ssh2Error;
  const message = e?.message ?? String(error);
  const details: Record<string, unknown> = { stage, host: target.host, port: target.port };
  if (e?.code !== undefined) details['code'] = e.code;
  if (/privateKey|passphrase|private key/i.test(message)) {
    return new AuthenticationError(`cannot use the private key for ${describe(target)}: ${message}`, {
      hintId: 'ssh-auth',
      cause: error,
      details: { ...details, stage: 'auth' },
    });
  }
  if (e?.level === 'client-authentication' || stage === 'auth' || e?.level === 'agent') {
    return new AuthenticationError(
      `${describe(target)} refused user "${target.user}": ${message}. Check the user, key, passphrase, password ` +
        `or agent in the profile's ssh.auth`,
      { hintId: 'ssh-auth', cause: error, details: { ...details, stage: 'auth' } },
    );
  }
  const why =
    e?.level === 'client-timeout'
      ? `${message} (no SSH answer in time)`
      : e?.code === 'ECONNREFUSED'
        ? 'connection refused (nothing listens on that port)'
        : message;
  return new ConnectionError(`cannot reach ${describe(target)}: ${why}`, {
    hintId: 'ssh-unreachable',
    retriable: true,
    cause: error,
    details,
  });
}

/** The jump host could not open a connection to a broker's advertised address. */
export function forwardError(error: unknown, target: SshTarget, host: string, port: number): SluiceError {
  const message = (error as Error)?.message ?? String(error);
  return new ConnectionError(
    `${describe(target)} cannot reach ${host}:${port}: ${message.replace(/^\(SSH\) /, '')}. If this is a broker's ` +
      `advertised address, the broker's advertised.listeners must name an address the jump host can reach`,
    {
      hintId: 'advertised-listener-unreachable',
      retriable: true,
      cause: error,
      details: { broker: `${host}:${port}`, jumpHost: `${target.host}:${target.port}` },
    },
  );
}
