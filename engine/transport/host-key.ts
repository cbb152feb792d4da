import { createHash } from 'node:crypto';
import { keyTypeOf, knownHostsLine, knownKeysFor, type KnownHosts } from './known-hosts.js';

/** `SHA256:` and the unpadded base64 of the key blob's SHA-256, exactly as `ssh-keygen -lf` prints it. */
export function sshFingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** Where trust in a host key may come from; an explicit decision is needed for any other key. */
export interface HostKeyPolicy {
  host: string;
  port: number;
  /** The profile's pinned fingerprint: the only key accepted when set. */
  pinned?: string;
  knownHosts?: { path: string; file: KnownHosts };
  /** The operator's decision for this run (`--trust-host-key`): accepts an unknown key with this fingerprint. */
  trusted?: string;
}

export type HostKeyVerdict =
  | { kind: 'trusted'; by: 'fingerprint' | 'known-hosts' | 'decision'; fingerprint: string }
  | {
      kind: 'unknown';
      fingerprint: string;
      keyType: string;
      /** What to add to a known_hosts file to trust the key. */
      knownHostsLine: string;
      /** A `--trust-host-key` that named another key. */
      declined?: string;
    }
  | { kind: 'changed'; fingerprint: string; keyType: string; expected: string[]; source: string }
  | { kind: 'revoked'; fingerprint: string; keyType: string; source: string };

/**
 * Judges the key a jump host presented. A changed key is refused even with a trust decision:
 * it is the signature of a man in the middle, and accepting it must take a deliberate edit of
 * the profile or the known_hosts file.
 */
export function judgeHostKey(presented: Buffer, policy: HostKeyPolicy): HostKeyVerdict {
  const fingerprint = sshFingerprint(presented);
  const keyType = keyTypeOf(presented);
  const entries = policy.knownHosts ? knownKeysFor(policy.knownHosts.file, policy.host, policy.port) : [];
  const where = (line: number) => `${policy.knownHosts?.path ?? 'known_hosts'} line ${line}`;

  const revoked = entries.find((entry) => entry.marker === 'revoked' && entry.key.equals(presented));
  if (revoked) return { kind: 'revoked', fingerprint, keyType, source: where(revoked.line) };

  if (policy.pinned !== undefined) {
    if (policy.pinned === fingerprint) return { kind: 'trusted', by: 'fingerprint', fingerprint };
    return { kind: 'changed', fingerprint, keyType, expected: [policy.pinned], source: 'the profile (ssh.hostKey)' };
  }

  const plain = entries.filter((entry) => entry.marker === undefined);
  if (plain.some((entry) => entry.key.equals(presented))) return { kind: 'trusted', by: 'known-hosts', fingerprint };
  const sameType = plain.filter((entry) => entry.keyType === keyType);
  const first = sameType[0];
  if (first) {
    return {
      kind: 'changed',
      fingerprint,
      keyType,
      expected: sameType.map((entry) => sshFingerprint(entry.key)),
      source: where(first.line),
    };
  }

  if (policy.trusted === fingerprint) return { kind: 'trusted', by: 'decision', fingerprint };
  return {
    kind: 'unknown',
    fingerprint,
    keyType,
    knownHostsLine: knownHostsLine(policy.host, policy.port, presented),
    ...(policy.trusted === undefined ? {} : { declined: policy.trusted }),
  };
}

/** Host key algorithms ssh2 offers, with the types known for this host first (as OpenSSH orders them). */
export function preferredHostKeyAlgorithms(knownTypes: readonly string[]): string[] {
  const all = [
    'ssh-ed25519',
    'ecdsa-sha2-nistp256',
    'ecdsa-sha2-nistp384',
    'ecdsa-sha2-nistp521',
    'rsa-sha2-512',
    'rsa-sha2-256',
    'ssh-rsa',
  ];
  const algorithmsOf = (type: string) => (type === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [type]);
  const first = knownTypes.flatMap(algorithmsOf).filter((name) => all.includes(name));
  return [...new Set([...first, ...all])];
}
