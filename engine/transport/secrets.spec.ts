import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/index.js';
import { createSecretResolver } from './secrets.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function secretFile(name: string, text: string, mode: number): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

async function failure(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('secret references', () => {
  it('reads env: references from the given environment', async () => {
    const secrets = createSecretResolver({ env: { KAFKA_PASSWORD: 's3cret' } });
    await expect(secrets.resolve({ secret: 'env:KAFKA_PASSWORD' }, 'sasl.password')).resolves.toBe('s3cret');
    const missing = await failure(secrets.resolve({ secret: 'env:NOPE' }, 'sasl.password'));
    expect(missing.message).toBe('sasl.password: the environment variable NOPE is not set');
  });

  it('reads file: references of mode 0600 or stricter, without the trailing newline', async () => {
    const secrets = createSecretResolver({ env: {} });
    const owner = secretFile('owner', 'pa ss\n', 0o600);
    const readOnly = secretFile('read-only', 'ro', 0o400);
    await expect(secrets.resolve({ secret: `file:${owner}` }, 'x')).resolves.toBe('pa ss');
    await expect(secrets.resolve({ secret: `file:${readOnly}` }, 'x')).resolves.toBe('ro');
  });

  it.each([0o640, 0o604, 0o644, 0o666])('refuses a file of mode %o, naming the chmod', async (mode) => {
    const secrets = createSecretResolver({ env: {} });
    const path = secretFile('loose', 'pw', mode);
    const error = await failure(secrets.resolve({ secret: `file:${path}` }, 'ssh.auth.password'));
    expect(error.hintId).toBe('file-access');
    expect(error.message).toContain(`ssh.auth.password: the secret file ${path} has mode ${mode.toString(8)}`);
    expect(error.message).toContain(`chmod 600 ${path}`);
  });

  it('names a missing file and expands ~ from HOME', async () => {
    const secrets = createSecretResolver({ env: { HOME: dir } });
    secretFile('home-secret', 'from-home', 0o600);
    await expect(secrets.resolve({ secret: 'file:~/home-secret' }, 'x')).resolves.toBe('from-home');
    const error = await failure(secrets.resolve({ secret: 'file:~/absent' }, 'tls.keyPassphrase'));
    expect(error.message).toContain(`tls.keyPassphrase: cannot read the secret file ${join(dir, 'absent')}`);
  });

  it('takes more kinds from the host and lists the known ones for an unknown kind', async () => {
    const secrets = createSecretResolver({ env: {}, providers: { store: async (key) => `stored-${key}` } });
    await expect(secrets.resolve({ secret: 'store:prod/sasl' }, 'x')).resolves.toBe('stored-prod/sasl');
    const error = await failure(secrets.resolve({ secret: 'vault:kv/x' }, 'sasl.password'));
    expect(error.message).toBe(
      'sasl.password: unknown secret kind in "vault:kv/x"; known kinds: "env:", "file:", "store:"',
    );
    // Object's own properties are not kinds: no prototype member is ever called as a provider.
    for (const kind of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const refused = await failure(secrets.resolve({ secret: `${kind}:x` }, 'sasl.password'));
      expect(refused.message).toContain(`unknown secret kind in "${kind}:x"`);
    }
  });
});
