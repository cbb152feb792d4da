import { describe, expect, it } from 'vitest';
import { ConnectionError } from '../errors/index.js';
import { refusedHostKey } from './check-host-key.js';
import { hostKeyError } from './ssh-errors.js';

const target = { host: 'jump.example', port: 2222, user: 'ops' };
const presented = `SHA256:${'A'.repeat(43)}`;
const expected = `SHA256:${'B'.repeat(43)}`;

describe('refusedHostKey', () => {
  it('reads an unknown key with its type and the known_hosts line', () => {
    const error = hostKeyError(
      {
        kind: 'unknown',
        fingerprint: presented,
        keyType: 'ssh-ed25519',
        knownHostsLine: '[jump.example]:2222 ssh-ed25519 AAAAC3Nz',
      },
      target,
    );
    expect(refusedHostKey(error)).toEqual({
      kind: 'unknown',
      host: 'jump.example',
      port: 2222,
      fingerprint: presented,
      keyType: 'ssh-ed25519',
      knownHostsLine: '[jump.example]:2222 ssh-ed25519 AAAAC3Nz',
    });
  });

  it('reads a changed key with both fingerprints', () => {
    const error = hostKeyError(
      { kind: 'changed', fingerprint: presented, keyType: 'ecdsa-sha2-nistp256', expected: [expected], source: 'x' },
      target,
    );
    expect(refusedHostKey(error)).toEqual({
      kind: 'changed',
      host: 'jump.example',
      port: 2222,
      fingerprint: presented,
      keyType: 'ecdsa-sha2-nistp256',
      expected: [expected],
    });
  });

  it('reads a revoked key, and nothing from other errors', () => {
    const revoked = hostKeyError(
      { kind: 'revoked', fingerprint: presented, keyType: 'ssh-ed25519', source: 'kh line 3' },
      target,
    );
    expect(refusedHostKey(revoked)).toMatchObject({ kind: 'revoked', fingerprint: presented, keyType: 'ssh-ed25519' });
    const other = new ConnectionError('refused', { details: { stage: 'connect', host: 'h', port: 22 } });
    expect(refusedHostKey(other)).toBeUndefined();
  });
});
