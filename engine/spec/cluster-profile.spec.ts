import { describe, expect, it } from 'vitest';
import { parseClusterProfile, parseClusterProfilesFile } from './cluster-profile.js';

const minimal = { name: 'local', bootstrapServers: ['localhost:9092'] };
const full = {
  name: 'prod',
  bootstrapServers: ['kafka-1.internal:9093', 'kafka-2.internal:9093'],
  clientId: 'ops-console',
  tls: { ca: '~/certs/ca.pem', cert: 'client.pem', key: 'client.key', keyPassphrase: { secret: 'env:KEY_PASS' } },
  sasl: { mechanism: 'scram-sha-512', username: 'ops', password: { secret: 'file:/home/ops/.kafka-pw' } },
  ssh: {
    host: 'bastion.example.com',
    user: 'ops',
    auth: { type: 'private-key', path: '~/.ssh/id_ed25519', passphrase: { secret: 'env:SSH_PASS' } },
    hostKey: { knownHostsFile: '~/.ssh/known_hosts', fingerprint: `SHA256:${'A'.repeat(43)}` },
  },
  zookeeper: { connect: 'zk-1.internal:2181,zk-2.internal:2181/kafka' },
};

describe('cluster profile schema', () => {
  it('accepts a minimal and a full profile and fills the SSH defaults', () => {
    expect(parseClusterProfile(minimal).ok).toBe(true);
    const parsed = parseClusterProfile(full);
    expect(parsed.ok && parsed.value.ssh).toMatchObject({
      port: 22,
      keepaliveIntervalMs: 15_000,
      keepaliveCountMax: 3,
      connectTimeoutMs: 10_000,
      reconnect: { initialDelayMs: 500, maxDelayMs: 30_000 },
    });
  });

  it('names every problem by its path', () => {
    const parsed = parseClusterProfile({
      name: 'bad name!',
      bootstrapServers: ['no-port'],
      tls: { cert: 'client.pem' },
      sasl: { mechanism: 'gssapi', username: 'x', password: 'plain-text' },
      ssh: {
        host: 'bastion',
        port: 70_000,
        user: 'ops',
        auth: { type: 'password', password: { secret: 'KAFKA_PASSWORD' } },
        hostKey: { fingerprint: 'MD5:aa:bb' },
      },
      zookeeper: { connect: 'zk:2181/' + ' x' },
      extra: true,
    });
    expect(parsed.ok).toBe(false);
    const paths = parsed.ok ? [] : parsed.problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'name',
        'bootstrapServers[0]',
        'tls.key',
        'sasl.mechanism',
        'sasl.password',
        'ssh.port',
        'ssh.auth.password.secret',
        'ssh.hostKey.fingerprint',
        'zookeeper.connect',
        '(root)',
      ]),
    );
    const message = (path: string) => (parsed.ok ? '' : parsed.problems.find((p) => p.path === path)?.message);
    expect(message('ssh.auth.password.secret')).toContain('"env:KAFKA_PASSWORD"');
    expect(message('tls.key')).toBe('a client certificate needs both "cert" and "key"');
  });

  it('never takes a secret as inline text', () => {
    const parsed = parseClusterProfile({
      ...minimal,
      sasl: { mechanism: 'plain', username: 'u', password: 'hunter2' },
    });
    expect(parsed.ok ? [] : parsed.problems).toEqual([
      {
        path: 'sasl.password',
        message: 'expected a secret reference such as { "secret": "env:KAFKA_PASSWORD" }, never the secret itself',
      },
    ]);
  });

  it('takes a Schema Registry with basic or bearer auth and names its problems by path', () => {
    const registry = (schemaRegistry: unknown) => parseClusterProfile({ ...minimal, schemaRegistry });
    expect(registry({ url: 'http://registry:8081' }).ok).toBe(true);
    const basic = registry({
      url: 'https://registry.internal/apis/ccompat/v7',
      auth: { basic: { username: 'ops', password: { secret: 'env:REGISTRY_PW' } } },
      tls: { ca: '~/certs/registry-ca.pem', rejectUnauthorized: true },
    });
    expect(basic.ok && basic.value.schemaRegistry?.auth?.basic?.username).toBe('ops');
    expect(registry({ url: 'http://r:1', auth: { bearer: { token: { secret: 'store:r/token' } } } }).ok).toBe(true);
    const problems = (input: unknown) => {
      const parsed = registry(input);
      return parsed.ok ? [] : parsed.problems.map((p) => `${p.path}: ${p.message}`);
    };
    expect(problems({ url: 'ftp://registry' })).toEqual(['schemaRegistry.url: expected an http:// or https:// URL']);
    expect(problems({ url: 'http://r:1', auth: { basic: { username: 'u', password: 'hunter2' } } })).toEqual([
      'schemaRegistry.auth.basic.password: expected a secret reference such as { "secret": "env:KAFKA_PASSWORD" }, never the secret itself',
    ]);
    expect(problems({ url: 'http://r:1', auth: {} })).toEqual([
      'schemaRegistry.auth: expected exactly one of "basic" or "bearer"',
    ]);
    expect(problems({ url: 'http://r:1', tls: { ca: '', rejectUnauthorized: 'no' } })).toEqual([
      'schemaRegistry.tls.ca: expected a file path',
      'schemaRegistry.tls.rejectUnauthorized: Invalid input: expected boolean, received string',
    ]);
  });

  it('checks the profiles file: version, duplicate names, each profile by index', () => {
    const parsed = parseClusterProfilesFile({
      version: 2,
      clusters: [minimal, { ...minimal, name: 'other', bootstrapServers: [] }, { ...minimal }],
    });
    // Duplicates are reported together with the other problems, not after they are fixed.
    expect(parsed.ok ? [] : parsed.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'version: expected 1',
      'clusters[1].bootstrapServers: expected at least one host:port',
      'clusters[2].name: "local" is already the name of clusters[0]',
    ]);
    const duplicates = parseClusterProfilesFile({ version: 1, clusters: [minimal, full, minimal] });
    expect(duplicates.ok ? [] : duplicates.problems).toEqual([
      { path: 'clusters[2].name', message: '"local" is already the name of clusters[0]' },
    ]);
  });
});
