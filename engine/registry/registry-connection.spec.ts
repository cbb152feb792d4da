import { describe, expect, it } from 'vitest';
import { createSecretResolver } from '../transport/secrets.js';
import { checkRegistry } from './registry-check.js';
import { registryConnection, registryFor } from './registry-connection.js';

const deps = (env: NodeJS.ProcessEnv) => ({ secrets: createSecretResolver({ env }), env });

describe('registry connection of a profile', () => {
  it('sends basic or bearer auth from the resolved secret', async () => {
    const basic = await registryConnection(
      'p',
      { url: 'http://r:8081', auth: { basic: { username: 'ops', password: { secret: 'env:PW' } } } },
      undefined,
      deps({ PW: 's3cret' }),
    );
    expect(basic.headers).toEqual({ Authorization: `Basic ${Buffer.from('ops:s3cret').toString('base64')}` });
    expect(basic.agent).toBeUndefined();
    const bearer = await registryConnection(
      'p',
      { url: 'https://r:8081', auth: { bearer: { token: { secret: 'env:TOKEN' } } } },
      undefined,
      deps({ TOKEN: 'abc' }),
    );
    expect(bearer.headers).toEqual({ Authorization: 'Bearer abc' });
    expect(bearer.agent).toBeDefined();
  });

  it('keeps a secret or CA problem for the registry alone, named by its field', async () => {
    const missing = await registryConnection(
      'p',
      { url: 'http://r:8081', auth: { basic: { username: 'ops', password: { secret: 'env:NOT_SET' } } } },
      undefined,
      deps({}),
    );
    expect(missing.failure?.message).toContain('schemaRegistry.auth.basic.password');
    const connection = { brokers: ['k:9092'], registry: missing };
    expect(() => registryFor(connection)).toThrow(/schemaRegistry\.auth\.basic\.password/);
    const check = await checkRegistry(missing, 1_000);
    expect(check.ok ? '' : check.error.message).toContain('schemaRegistry.auth.basic.password');

    const noCa = await registryConnection(
      'p',
      { url: 'https://r', tls: { ca: '/no/such/ca.pem' } },
      undefined,
      deps({}),
    );
    expect(noCa.failure?.message).toBe(
      'schemaRegistry.tls.ca: cannot read /no/such/ca.pem: ' +
        "ENOENT: no such file or directory, open '/no/such/ca.pem'",
    );
  });

  it('gives one client per connection, and names a profile without a registry', async () => {
    const registry = await registryConnection('p', { url: 'http://r:8081/' }, undefined, deps({}));
    const connection = { brokers: ['k:9092'], registry };
    expect(registryFor(connection)).toBe(registryFor(connection));
    expect(registryFor(connection).url).toBe('http://r:8081');
    expect(() => registryFor({ brokers: ['k:9092'] })).toThrow(
      'the cluster profile for k:9092 has no schemaRegistry; add its URL to the profile',
    );
  });
});
