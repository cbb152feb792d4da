import { describe, expect, it } from 'vitest';
import { sshFingerprint, judgeHostKey, preferredHostKeyAlgorithms } from './host-key.js';
import {
  entryMatchesHost,
  keyTypeOf,
  knownHostsLine,
  knownHostsName,
  knownKeysFor,
  parseKnownHosts,
} from './known-hosts.js';

// Two ed25519 keys made with ssh-keygen; fingerprints as `ssh-keygen -lf` printed them.
const KEY_1 = 'AAAAC3NzaC1lZDI1NTE5AAAAIFr2+6WhC9zYmcA2pofrwJr4kVwRmqmxwbbboaS1moXP';
const FINGERPRINT_1 = 'SHA256:6vBQkDjXkTugbxnzz6/p4VwGO7nbi7/Y0JcOEnEUeXY';
const KEY_2 = 'AAAAC3NzaC1lZDI1NTE5AAAAIM6TmtpAz5uCdQ/1zL3j938qCZGWHtEYpbTzI8ZWXZ/h';
const FINGERPRINT_2 = 'SHA256:6VFgYOrqfrJOJf1fcZPvwrjO5C3FjI78VwGlaM78Vu0';
const blob = (base64: string) => Buffer.from(base64, 'base64');

// `ssh-keygen -H` of "[jump.example.com]:2222 <KEY_1>" and "bastion <KEY_1>".
const HASHED = [
  `|1|Z6o4gUMsZcTaoNpwV+w1rjukZKc=|fSxiAm2+saCNpmlXRwRZb/79iMQ= ssh-ed25519 ${KEY_1}`,
  `|1|M1LsuDz2xn3xWz/UgCXjK/I32+U=|vE5ByD0Za2fLWhipi5tcj925ALw= ssh-ed25519 ${KEY_1}`,
].join('\n');

describe('fingerprints', () => {
  it('formats SHA256 fingerprints exactly as ssh-keygen -lf', () => {
    expect(sshFingerprint(blob(KEY_1))).toBe(FINGERPRINT_1);
    expect(sshFingerprint(blob(KEY_2))).toBe(FINGERPRINT_2);
    expect(FINGERPRINT_1).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('reads the key type from the blob', () => {
    expect(keyTypeOf(blob(KEY_1))).toBe('ssh-ed25519');
    expect(keyTypeOf(Buffer.from([0, 0]))).toBe('');
  });
});

describe('parseKnownHosts', () => {
  it('reads plain, hashed, [host]:port and marker entries and skips comments and bad lines', () => {
    const text = [
      '# comment',
      '',
      `jump.example.com,10.0.0.1 ssh-ed25519 ${KEY_1} ops@laptop`,
      `[jump.example.com]:2222 ssh-ed25519 ${KEY_2}`,
      `@revoked old.example.com ssh-ed25519 ${KEY_2}`,
      `@cert-authority *.example.com ssh-ed25519 ${KEY_1}`,
      '@bogus host ssh-ed25519 AAAA',
      'only-two fields',
      `mismatch ssh-rsa ${KEY_1}`,
      HASHED,
    ].join('\n');
    const parsed = parseKnownHosts(text);
    expect(parsed.entries.map((e) => [e.line, e.marker, e.keyType])).toEqual([
      [3, undefined, 'ssh-ed25519'],
      [4, undefined, 'ssh-ed25519'],
      [5, 'revoked', 'ssh-ed25519'],
      [6, 'cert-authority', 'ssh-ed25519'],
      [10, undefined, 'ssh-ed25519'],
      [11, undefined, 'ssh-ed25519'],
    ]);
    expect(parsed.problems).toEqual([
      { line: 7, message: 'unknown marker @bogus' },
      { line: 8, message: 'expected "hosts keytype key"' },
      { line: 9, message: 'the key is not a valid ssh-rsa key' },
    ]);
  });

  it('names hosts as ssh does: bare on port 22, [host]:port otherwise, lower case', () => {
    expect(knownHostsName('Jump.Example.com', 22)).toBe('jump.example.com');
    expect(knownHostsName('10.250.1.2', 2222)).toBe('[10.250.1.2]:2222');
    expect(knownHostsLine('10.250.1.2', 2222, blob(KEY_1))).toBe(`[10.250.1.2]:2222 ssh-ed25519 ${KEY_1}`);
  });

  it('matches hashed entries by host and port', () => {
    const file = parseKnownHosts(HASHED);
    expect(knownKeysFor(file, 'jump.example.com', 2222).map((e) => e.line)).toEqual([1]);
    expect(knownKeysFor(file, 'bastion', 22).map((e) => e.line)).toEqual([2]);
    expect(knownKeysFor(file, 'jump.example.com', 22)).toEqual([]);
    expect(knownKeysFor(file, 'bastion', 2222)).toEqual([]);
  });

  it('matches patterns with wildcards and negations', () => {
    const entry = (hosts: string) => ({ hosts });
    expect(entryMatchesHost(entry('*.example.com,!secret.example.com'), 'jump.example.com', 22)).toBe(true);
    expect(entryMatchesHost(entry('*.example.com,!secret.example.com'), 'secret.example.com', 22)).toBe(false);
    expect(entryMatchesHost(entry('jump?.example.com'), 'jump1.example.com', 22)).toBe(true);
    expect(entryMatchesHost(entry('[10.0.0.*]:2222'), '10.0.0.7', 2222)).toBe(true);
    expect(entryMatchesHost(entry('10.0.0.7'), '10.0.0.7', 2222)).toBe(false);
    expect(entryMatchesHost(entry('jump.example.com'), 'JUMP.example.com', 22)).toBe(true);
    expect(entryMatchesHost(entry('a.b'), 'axb', 22)).toBe(false);
  });
});

describe('judgeHostKey', () => {
  const knownHosts = (text: string) => ({ path: '/home/ops/.ssh/known_hosts', file: parseKnownHosts(text) });
  const host = 'jump.example.com';

  it('trusts a key listed for the host', () => {
    const verdict = judgeHostKey(blob(KEY_1), { host, port: 2222, knownHosts: knownHosts(HASHED) });
    expect(verdict).toEqual({ kind: 'trusted', by: 'known-hosts', fingerprint: FINGERPRINT_1 });
  });

  it('calls a different key of the same type changed, with both fingerprints', () => {
    const verdict = judgeHostKey(blob(KEY_2), { host, port: 2222, knownHosts: knownHosts(HASHED) });
    expect(verdict).toMatchObject({
      kind: 'changed',
      fingerprint: FINGERPRINT_2,
      expected: [FINGERPRINT_1],
      source: '/home/ops/.ssh/known_hosts line 1',
    });
  });

  it('refuses a changed key even when the operator trusts its fingerprint', () => {
    const verdict = judgeHostKey(blob(KEY_2), {
      host,
      port: 2222,
      knownHosts: knownHosts(HASHED),
      trusted: FINGERPRINT_2,
    });
    expect(verdict.kind).toBe('changed');
  });

  it('needs a decision for an unknown key and takes only the matching one', () => {
    const unknown = judgeHostKey(blob(KEY_1), { host: 'other', port: 22, knownHosts: knownHosts(HASHED) });
    expect(unknown).toMatchObject({
      kind: 'unknown',
      fingerprint: FINGERPRINT_1,
      knownHostsLine: `other ssh-ed25519 ${KEY_1}`,
    });
    const wrong = judgeHostKey(blob(KEY_1), { host: 'other', port: 22, trusted: FINGERPRINT_2 });
    expect(wrong).toMatchObject({ kind: 'unknown', declined: FINGERPRINT_2 });
    const decided = judgeHostKey(blob(KEY_1), { host: 'other', port: 22, trusted: FINGERPRINT_1 });
    expect(decided).toEqual({ kind: 'trusted', by: 'decision', fingerprint: FINGERPRINT_1 });
  });

  it('checks a pinned fingerprint before known_hosts', () => {
    expect(judgeHostKey(blob(KEY_1), { host, port: 22, pinned: FINGERPRINT_1 }).kind).toBe('trusted');
    expect(
      judgeHostKey(blob(KEY_2), { host, port: 2222, pinned: FINGERPRINT_1, knownHosts: knownHosts(HASHED) }),
    ).toMatchObject({ kind: 'changed', expected: [FINGERPRINT_1], source: 'the profile (ssh.hostKey)' });
  });

  it('refuses a revoked key', () => {
    const file = knownHosts(`@revoked ${host} ssh-ed25519 ${KEY_2}\n${host} ssh-ed25519 ${KEY_2}`);
    expect(judgeHostKey(blob(KEY_2), { host, port: 22, knownHosts: file }).kind).toBe('revoked');
  });

  it('offers the known key types first', () => {
    expect(preferredHostKeyAlgorithms(['ssh-rsa']).slice(0, 3)).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    expect(preferredHostKeyAlgorithms([])[0]).toBe('ssh-ed25519');
  });
});
