import { describe, expect, it } from 'vitest';
import { parseClusterProfile, type ClusterProfile } from '../../../../engine/spec/cluster-profile';
import {
  emptyClusterForm,
  formFromProfile,
  missingSecrets,
  newSecretId,
  numberErrors,
  profileFromForm,
  typedSecrets,
  withPinnedHostKey,
  type ClusterFormModel,
} from './cluster-form-model';

const fingerprint = `SHA256:${'x'.repeat(43)}`;

function fullForm(): ClusterFormModel {
  const form = emptyClusterForm();
  Object.assign(form, {
    name: 'prod',
    bootstrapServers: 'kafka-1:9093, kafka-2:9093',
    requestTimeoutMs: '20000',
    tlsEnabled: true,
    tlsCa: '/etc/kafka/ca.pem',
    tlsCert: '/etc/kafka/client.pem',
    tlsKey: '/etc/kafka/client.key',
    saslMechanism: 'scram-sha-512',
    saslUsername: 'ops',
    sshEnabled: true,
    sshHost: 'bastion',
    sshPort: '2222',
    sshUser: 'tunnel',
    sshAuthType: 'private-key',
    sshKeyPath: '~/.ssh/id_ed25519',
    sshFingerprint: fingerprint,
    sshKeepaliveIntervalMs: '5000',
    zookeeperEnabled: true,
    zookeeperConnect: 'zk-1:2181,zk-2:2181',
    zookeeperChroot: 'kafka',
  });
  form.secrets.saslPassword.value = 'hunter2';
  form.secrets.sshPassphrase.value = 'open sesame';
  form.secrets.tlsKeyPassphrase.value = 'pem-pass';
  return form;
}

describe('cluster form model', () => {
  it('builds a profile with every section the schema accepts, secrets only as references', () => {
    const form = fullForm();
    const refs = {
      saslPassword: 'store:prod/saslPassword-1',
      sshPassphrase: 'store:prod/sshPassphrase-2',
      tlsKeyPassphrase: 'store:prod/tlsKeyPassphrase-3',
    };
    const profile = profileFromForm(form, {}, refs);
    expect(profile).toEqual({
      name: 'prod',
      bootstrapServers: ['kafka-1:9093', 'kafka-2:9093'],
      requestTimeoutMs: 20000,
      tls: {
        ca: '/etc/kafka/ca.pem',
        cert: '/etc/kafka/client.pem',
        key: '/etc/kafka/client.key',
        keyPassphrase: { secret: refs.tlsKeyPassphrase },
      },
      sasl: { mechanism: 'scram-sha-512', username: 'ops', password: { secret: refs.saslPassword } },
      ssh: {
        host: 'bastion',
        port: 2222,
        user: 'tunnel',
        auth: { type: 'private-key', path: '~/.ssh/id_ed25519', passphrase: { secret: refs.sshPassphrase } },
        hostKey: { fingerprint },
        keepaliveIntervalMs: 5000,
      },
      zookeeper: { connect: 'zk-1:2181,zk-2:2181/kafka' },
    });
    for (const typed of ['hunter2', 'open sesame', 'pem-pass']) expect(JSON.stringify(profile)).not.toContain(typed);
    expect(typedSecrets(form)).toEqual(['saslPassword', 'tlsKeyPassphrase', 'sshPassphrase']);
    expect(parseClusterProfile(profile).ok).toBe(true);
  });

  it('reads a saved profile back into the same form, secrets as "stored" references', () => {
    const parsed = parseClusterProfile(
      profileFromForm(fullForm(), {}, { saslPassword: 'store:a', sshPassphrase: 'store:b', tlsKeyPassphrase: 'env:C' }),
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const form = formFromProfile(parsed.value);
    expect(form).toMatchObject({
      sshPort: '2222',
      sshKeepaliveCountMax: '3',
      zookeeperConnect: 'zk-1:2181,zk-2:2181',
      zookeeperChroot: '/kafka',
    });
    expect(form.secrets.saslPassword).toEqual({ value: '', ref: 'store:a' });
    expect(form.secrets.tlsKeyPassphrase).toEqual({ value: '', ref: 'env:C' });
    // Saved again without typing: the stored secrets are kept as they were.
    expect(typedSecrets(form)).toEqual([]);
    expect(parseClusterProfile(profileFromForm(form, parsed.value))).toEqual(parsed);
  });

  it('drops a section turned off, and secrets that section no longer uses', () => {
    const form = fullForm();
    form.sshAuthType = 'agent';
    form.tlsEnabled = false;
    form.zookeeperEnabled = false;
    form.saslMechanism = '';
    const profile = profileFromForm(form);
    expect(profile['tls']).toBeUndefined();
    expect(profile['sasl']).toBeUndefined();
    expect(profile['zookeeper']).toBeUndefined();
    expect(profile['ssh']).toMatchObject({ auth: { type: 'agent' } });
    expect(typedSecrets(form)).toEqual([]);
  });

  it('lets the schema name the field of each mistake, and asks for secrets it cannot see', () => {
    const form = fullForm();
    Object.assign(form, { bootstrapServers: 'nohost', sshPort: 'abc', sshFingerprint: 'MD5:aa', tlsCert: '' });
    form.zookeeperConnect = 'zk-1';
    form.sshAuthType = 'password';
    form.saslMechanism = 'plain';
    form.secrets.saslPassword.value = '';
    const parsed = parseClusterProfile(profileFromForm(form));
    const paths = parsed.ok ? [] : parsed.problems.map((p) => p.path).sort();
    expect(paths).toEqual(
      expect.arrayContaining([
        'bootstrapServers[0]',
        'sasl.password',
        'ssh.hostKey.fingerprint',
        'ssh.port',
        'tls.cert',
        'zookeeper.connect',
      ]),
    );
    expect(missingSecrets(form)).toEqual({
      'sasl.password': 'enter a password',
      'ssh.auth.password': 'enter a password',
    });
    expect(numberErrors(form)).toEqual({ 'ssh.port': 'expected a whole number, not "abc"' });
    form.sshEnabled = false;
    expect(numberErrors(form)).toEqual({});
  });

  it('round-trips a Schema Registry with basic or bearer auth, the secret only as a reference', () => {
    const form = emptyClusterForm();
    Object.assign(form, {
      name: 'reg',
      bootstrapServers: 'k:9092',
      registryEnabled: true,
      registryUrl: ' https://registry:8081 ',
      registryAuthType: 'basic',
      registryUsername: 'ops',
      registryCa: '/etc/registry/ca.pem',
      registryVerifyTls: false,
    });
    form.secrets.registryPassword.value = 'hunter2';
    form.secrets.registryToken.value = 'not used with basic';
    expect(typedSecrets(form)).toEqual(['registryPassword']);
    const profile = profileFromForm(form, {}, { registryPassword: 'store:reg/registryPassword-1' });
    expect(profile['schemaRegistry']).toEqual({
      url: 'https://registry:8081',
      auth: { basic: { username: 'ops', password: { secret: 'store:reg/registryPassword-1' } } },
      tls: { ca: '/etc/registry/ca.pem', rejectUnauthorized: false },
    });
    expect(JSON.stringify(profile)).not.toContain('hunter2');
    const parsed = parseClusterProfile(profile);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const back = formFromProfile(parsed.value);
    expect(back).toMatchObject({
      registryEnabled: true,
      registryUrl: 'https://registry:8081',
      registryAuthType: 'basic',
      registryUsername: 'ops',
      registryCa: '/etc/registry/ca.pem',
      registryVerifyTls: false,
    });
    expect(back.secrets.registryPassword).toEqual({ value: '', ref: 'store:reg/registryPassword-1' });
    expect(parseClusterProfile(profileFromForm(back, parsed.value))).toEqual(parsed);

    back.registryAuthType = 'bearer';
    expect(missingSecrets(back)).toEqual({ 'schemaRegistry.auth.bearer.token': 'enter a token' });
    back.secrets.registryToken.ref = 'env:REGISTRY_TOKEN';
    expect(profileFromForm(back)['schemaRegistry']).toMatchObject({
      auth: { bearer: { token: { secret: 'env:REGISTRY_TOKEN' } } },
    });
    back.registryUrl = 'registry:8081';
    const bad = parseClusterProfile(profileFromForm(back));
    expect(bad.ok ? [] : bad.problems.map((p) => p.path)).toEqual(['schemaRegistry.url']);
    back.registryEnabled = false;
    expect(profileFromForm(back)['schemaRegistry']).toBeUndefined();
    expect(typedSecrets(back)).toEqual([]);
  });

  it('names new secrets per cluster and field, never twice the same', () => {
    let n = 0;
    expect(newSecretId('prod', 'sshPassword', () => String((n += 1)))).toBe('prod/sshPassword-1');
    expect(newSecretId('prod', 'sshPassword')).not.toBe(newSecretId('prod', 'sshPassword'));
  });

  it('pins a trusted host key into the profile, keeping its known_hosts file', () => {
    const profile = {
      name: 'p',
      bootstrapServers: ['b:1'],
      ssh: { host: 'j', user: 'u', auth: { type: 'agent' }, hostKey: { knownHostsFile: '/k' } },
    } as unknown as ClusterProfile;
    expect(withPinnedHostKey(profile, fingerprint).ssh?.hostKey).toEqual({ knownHostsFile: '/k', fingerprint });
  });
});
