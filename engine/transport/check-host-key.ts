import type { SluiceError } from '../errors/index.js';

/**
 * The jump host key a connection test refused, in a form a UI can offer a decision on: an unknown
 * key may be trusted (pinned); a changed or revoked one is shown as a refusal with both fingerprints.
 */
export interface RefusedHostKey {
  kind: 'unknown' | 'changed' | 'revoked';
  host: string;
  port: number;
  /** The key the host presented, `SHA256:...` as `ssh-keygen -lf` prints it. */
  fingerprint: string;
  /** `ssh-ed25519`, `ecdsa-sha2-nistp256`, ...; empty when the error did not say. */
  keyType: string;
  /** For a changed key: the fingerprint(s) the profile or known_hosts file expected. */
  expected?: string[];
  /** For an unknown key: the line to add to a known_hosts file to trust it. */
  knownHostsLine?: string;
}

/** What ssh-errors.ts put into a host-key refusal, or undefined for any other error. */
export function refusedHostKey(error: SluiceError): RefusedHostKey | undefined {
  const details = error.details ?? {};
  const fingerprint = details['presented'];
  if (details['stage'] !== 'host-key' || typeof fingerprint !== 'string') return undefined;
  const host = typeof details['host'] === 'string' ? details['host'] : '';
  const port = typeof details['port'] === 'number' ? details['port'] : 22;
  const keyType = typeof details['keyType'] === 'string' ? details['keyType'] : '';
  if (error.hintId === 'ssh-host-key-unknown') {
    const line = typeof details['knownHostsLine'] === 'string' ? details['knownHostsLine'] : undefined;
    return {
      kind: 'unknown',
      host,
      port,
      fingerprint,
      keyType,
      ...(line === undefined ? {} : { knownHostsLine: line }),
    };
  }
  const expected = details['expected'];
  if (Array.isArray(expected)) {
    return {
      kind: 'changed',
      host,
      port,
      fingerprint,
      keyType,
      expected: expected.filter((e): e is string => typeof e === 'string'),
    };
  }
  return { kind: 'revoked', host, port, fingerprint, keyType };
}
