import type { ClusterProfile } from '../../../../main/ipc/contract';

/** Secrets the form takes: typed once, stored encrypted (`secrets:set`), referenced as `store:<id>`. */
export type SecretField =
  'saslPassword' | 'tlsKeyPassphrase' | 'sshPassphrase' | 'sshPassword' | 'registryPassword' | 'registryToken';
export const SECRET_FIELDS: readonly SecretField[] = [
  'saslPassword',
  'tlsKeyPassphrase',
  'sshPassphrase',
  'sshPassword',
  'registryPassword',
  'registryToken',
];

export interface SecretInput {
  /** A new value typed in; never kept in the profile. */
  value: string;
  /** The reference already saved, when editing (`store:...`, `env:...`, `file:...`). */
  ref: string;
}

export type SshAuthType = 'private-key' | 'password' | 'agent';
export type RegistryAuthType = 'none' | 'basic' | 'bearer';

/** The form's flat fields; converted to a profile for the one cluster-profile schema to judge. */
export interface ClusterFormModel {
  name: string;
  description: string;
  bootstrapServers: string;
  clientId: string;
  connectionTimeoutMs: string;
  requestTimeoutMs: string;
  tlsEnabled: boolean;
  tlsCa: string;
  tlsCert: string;
  tlsKey: string;
  saslMechanism: '' | 'plain' | 'scram-sha-256' | 'scram-sha-512';
  saslUsername: string;
  sshEnabled: boolean;
  sshHost: string;
  sshPort: string;
  sshUser: string;
  sshAuthType: SshAuthType;
  sshKeyPath: string;
  sshAgentSocket: string;
  sshKnownHostsFile: string;
  sshFingerprint: string;
  sshKeepaliveIntervalMs: string;
  sshKeepaliveCountMax: string;
  sshConnectTimeoutMs: string;
  zookeeperEnabled: boolean;
  /** `host:port[,host:port...]` without the chroot. */
  zookeeperConnect: string;
  zookeeperChroot: string;
  zookeeperSessionTimeoutMs: string;
  registryEnabled: boolean;
  registryUrl: string;
  registryAuthType: RegistryAuthType;
  registryUsername: string;
  registryCa: string;
  /** Unticked only for a test registry with a certificate nobody signed. */
  registryVerifyTls: boolean;
  secrets: Record<SecretField, SecretInput>;
}

const noSecret = (): SecretInput => ({ value: '', ref: '' });

export function emptyClusterForm(): ClusterFormModel {
  return {
    name: '',
    description: '',
    bootstrapServers: '',
    clientId: '',
    connectionTimeoutMs: '',
    requestTimeoutMs: '',
    tlsEnabled: false,
    tlsCa: '',
    tlsCert: '',
    tlsKey: '',
    saslMechanism: '',
    saslUsername: '',
    sshEnabled: false,
    sshHost: '',
    sshPort: '22',
    sshUser: '',
    sshAuthType: 'private-key',
    sshKeyPath: '',
    sshAgentSocket: '',
    sshKnownHostsFile: '',
    sshFingerprint: '',
    sshKeepaliveIntervalMs: '',
    sshKeepaliveCountMax: '',
    sshConnectTimeoutMs: '',
    zookeeperEnabled: false,
    zookeeperConnect: '',
    zookeeperChroot: '',
    zookeeperSessionTimeoutMs: '',
    registryEnabled: false,
    registryUrl: '',
    registryAuthType: 'none',
    registryUsername: '',
    registryCa: '',
    registryVerifyTls: true,
    secrets: {
      saslPassword: noSecret(),
      tlsKeyPassphrase: noSecret(),
      sshPassphrase: noSecret(),
      sshPassword: noSecret(),
      registryPassword: noSecret(),
      registryToken: noSecret(),
    },
  };
}

const text = (n: number | undefined): string => (n === undefined ? '' : String(n));

export function formFromProfile(profile: ClusterProfile): ClusterFormModel {
  const form = emptyClusterForm();
  const { tls, sasl, ssh, zookeeper, schemaRegistry } = profile;
  Object.assign(form, {
    name: profile.name,
    description: profile.description ?? '',
    bootstrapServers: profile.bootstrapServers.join(', '),
    clientId: profile.clientId ?? '',
    connectionTimeoutMs: text(profile.connectionTimeoutMs),
    requestTimeoutMs: text(profile.requestTimeoutMs),
  });
  if (tls) {
    Object.assign(form, { tlsEnabled: true, tlsCa: tls.ca ?? '', tlsCert: tls.cert ?? '', tlsKey: tls.key ?? '' });
    form.secrets.tlsKeyPassphrase.ref = tls.keyPassphrase?.secret ?? '';
  }
  if (sasl) {
    Object.assign(form, { saslMechanism: sasl.mechanism, saslUsername: sasl.username });
    form.secrets.saslPassword.ref = sasl.password.secret;
  }
  if (ssh) {
    Object.assign(form, {
      sshEnabled: true,
      sshHost: ssh.host,
      sshPort: text(ssh.port),
      sshUser: ssh.user,
      sshAuthType: ssh.auth.type,
      sshKnownHostsFile: ssh.hostKey?.knownHostsFile ?? '',
      sshFingerprint: ssh.hostKey?.fingerprint ?? '',
      sshKeepaliveIntervalMs: text(ssh.keepaliveIntervalMs),
      sshKeepaliveCountMax: text(ssh.keepaliveCountMax),
      sshConnectTimeoutMs: text(ssh.connectTimeoutMs),
    });
    if (ssh.auth.type === 'private-key') {
      form.sshKeyPath = ssh.auth.path;
      form.secrets.sshPassphrase.ref = ssh.auth.passphrase?.secret ?? '';
    } else if (ssh.auth.type === 'password') {
      form.secrets.sshPassword.ref = ssh.auth.password.secret;
    } else {
      form.sshAgentSocket = ssh.auth.socket ?? '';
    }
  }
  if (zookeeper) {
    const slash = zookeeper.connect.indexOf('/');
    Object.assign(form, {
      zookeeperEnabled: true,
      zookeeperConnect: slash < 0 ? zookeeper.connect : zookeeper.connect.slice(0, slash),
      zookeeperChroot: slash < 0 ? '' : zookeeper.connect.slice(slash),
      zookeeperSessionTimeoutMs: text(zookeeper.sessionTimeoutMs),
    });
  }
  if (schemaRegistry) {
    const { basic, bearer } = schemaRegistry.auth ?? {};
    Object.assign(form, {
      registryEnabled: true,
      registryUrl: schemaRegistry.url,
      registryAuthType: basic ? 'basic' : bearer ? 'bearer' : 'none',
      registryUsername: basic?.username ?? '',
      registryCa: schemaRegistry.tls?.ca ?? '',
      registryVerifyTls: schemaRegistry.tls?.rejectUnauthorized ?? true,
    });
    form.secrets.registryPassword.ref = basic?.password.secret ?? '';
    form.secrets.registryToken.ref = bearer?.token.secret ?? '';
  }
  return form;
}

/** A fresh id for a newly typed secret: a replaced secret gets a new id, the old one is deleted on save. */
export function newSecretId(cluster: string, field: SecretField, random: () => string = randomSuffix): string {
  return `${cluster}/${field}-${random()}`;
}

function randomSuffix(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The secrets used by the profile as the form stands, with a new value typed in (to store before saving). */
export function typedSecrets(form: ClusterFormModel): SecretField[] {
  return SECRET_FIELDS.filter((field) => used(form, field) && form.secrets[field].value !== '');
}

/** Whether the profile as the form stands uses this secret (SSH password only with password auth, ...). */
function used(form: ClusterFormModel, field: SecretField): boolean {
  switch (field) {
    case 'saslPassword':
      return form.saslMechanism !== '';
    case 'tlsKeyPassphrase':
      return form.tlsEnabled && form.tlsKey.trim() !== '';
    case 'sshPassphrase':
      return form.sshEnabled && form.sshAuthType === 'private-key';
    case 'sshPassword':
      return form.sshEnabled && form.sshAuthType === 'password';
    case 'registryPassword':
      return form.registryEnabled && form.registryAuthType === 'basic';
    case 'registryToken':
      return form.registryEnabled && form.registryAuthType === 'bearer';
  }
}

/** Numbers stay as typed when they are not numbers, so the schema names the field. */
function number(value: string): number | string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}

function put(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value === undefined || value === '') delete target[key];
  else target[key] = value;
}

/**
 * The profile as the schema sees it. `refs` are the references of secrets just stored; a typed
 * secret without one gets a placeholder reference (for checking the form before anything is stored).
 * Settings the form has no field for (SSH reconnect delays) are kept from `base`.
 */
export function profileFromForm(
  form: ClusterFormModel,
  base: Partial<ClusterProfile> = {},
  refs: Partial<Record<SecretField, string>> = {},
): Record<string, unknown> {
  const name = form.name.trim();
  const secret = (field: SecretField): { secret: string } | undefined => {
    const { value, ref } = form.secrets[field];
    const chosen = value !== '' ? (refs[field] ?? `store:${name || 'cluster'}/${field}`) : ref;
    return chosen ? { secret: chosen } : undefined;
  };
  const profile: Record<string, unknown> = {
    ...base,
    name,
    bootstrapServers: form.bootstrapServers
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  };
  put(profile, 'description', form.description.trim());
  put(profile, 'clientId', form.clientId.trim());
  put(profile, 'connectionTimeoutMs', number(form.connectionTimeoutMs));
  put(profile, 'requestTimeoutMs', number(form.requestTimeoutMs));

  const tls: Record<string, unknown> = {};
  put(tls, 'ca', form.tlsCa.trim());
  put(tls, 'cert', form.tlsCert.trim());
  put(tls, 'key', form.tlsKey.trim());
  if (used(form, 'tlsKeyPassphrase')) put(tls, 'keyPassphrase', secret('tlsKeyPassphrase'));
  put(profile, 'tls', form.tlsEnabled ? tls : undefined);

  put(
    profile,
    'sasl',
    form.saslMechanism
      ? {
          mechanism: form.saslMechanism,
          username: form.saslUsername.trim(),
          ...(secret('saslPassword') ? { password: secret('saslPassword') } : {}),
        }
      : undefined,
  );

  put(profile, 'ssh', form.sshEnabled ? sshFromForm(form, base.ssh, secret) : undefined);

  if (form.zookeeperEnabled) {
    const chroot = form.zookeeperChroot.trim();
    const zookeeper: Record<string, unknown> = {
      connect: `${form.zookeeperConnect.trim()}${chroot && !chroot.startsWith('/') ? '/' : ''}${chroot}`,
    };
    put(zookeeper, 'sessionTimeoutMs', number(form.zookeeperSessionTimeoutMs));
    profile['zookeeper'] = zookeeper;
  } else delete profile['zookeeper'];

  put(profile, 'schemaRegistry', form.registryEnabled ? registryFromForm(form, secret) : undefined);
  return profile;
}

function registryFromForm(
  form: ClusterFormModel,
  secret: (field: SecretField) => { secret: string } | undefined,
): Record<string, unknown> {
  const registry: Record<string, unknown> = { url: form.registryUrl.trim() };
  if (form.registryAuthType === 'basic') {
    const basic: Record<string, unknown> = { username: form.registryUsername.trim() };
    put(basic, 'password', secret('registryPassword'));
    registry['auth'] = { basic };
  } else if (form.registryAuthType === 'bearer') {
    const bearer: Record<string, unknown> = {};
    put(bearer, 'token', secret('registryToken'));
    registry['auth'] = { bearer };
  }
  const tls: Record<string, unknown> = {};
  put(tls, 'ca', form.registryCa.trim());
  if (!form.registryVerifyTls) tls['rejectUnauthorized'] = false;
  put(registry, 'tls', Object.keys(tls).length > 0 ? tls : undefined);
  return registry;
}

function sshFromForm(
  form: ClusterFormModel,
  base: ClusterProfile['ssh'],
  secret: (field: SecretField) => { secret: string } | undefined,
): Record<string, unknown> {
  const auth: Record<string, unknown> = { type: form.sshAuthType };
  if (form.sshAuthType === 'private-key') {
    auth['path'] = form.sshKeyPath.trim();
    put(auth, 'passphrase', secret('sshPassphrase'));
  } else if (form.sshAuthType === 'password') {
    put(auth, 'password', secret('sshPassword'));
  } else {
    put(auth, 'socket', form.sshAgentSocket.trim());
  }
  const hostKey: Record<string, unknown> = {};
  put(hostKey, 'knownHostsFile', form.sshKnownHostsFile.trim());
  put(hostKey, 'fingerprint', form.sshFingerprint.trim());
  const ssh: Record<string, unknown> = {
    ...(base?.reconnect ? { reconnect: base.reconnect } : {}),
    host: form.sshHost.trim(),
    user: form.sshUser.trim(),
    auth,
  };
  put(ssh, 'port', number(form.sshPort));
  put(ssh, 'hostKey', Object.keys(hostKey).length > 0 ? hostKey : undefined);
  put(ssh, 'keepaliveIntervalMs', number(form.sshKeepaliveIntervalMs));
  put(ssh, 'keepaliveCountMax', number(form.sshKeepaliveCountMax));
  put(ssh, 'connectTimeoutMs', number(form.sshConnectTimeoutMs));
  return ssh;
}

/** Secrets the schema cannot ask for by itself, by field path: a mechanism or auth type without its secret. */
export function missingSecrets(form: ClusterFormModel): Record<string, string> {
  const missing: Record<string, string> = {};
  const empty = (field: SecretField) => form.secrets[field].value === '' && form.secrets[field].ref === '';
  if (form.saslMechanism && empty('saslPassword')) missing['sasl.password'] = 'enter a password';
  if (form.sshEnabled && form.sshAuthType === 'password' && empty('sshPassword')) {
    missing['ssh.auth.password'] = 'enter a password';
  }
  if (form.registryEnabled && form.registryAuthType === 'basic' && empty('registryPassword')) {
    missing['schemaRegistry.auth.basic.password'] = 'enter a password';
  }
  if (form.registryEnabled && form.registryAuthType === 'bearer' && empty('registryToken')) {
    missing['schemaRegistry.auth.bearer.token'] = 'enter a token';
  }
  return missing;
}

/** The profile with an SSH host key pinned: the operator's "trust" decision on an unknown key. */
export function withPinnedHostKey(profile: ClusterProfile, fingerprint: string): ClusterProfile {
  if (!profile.ssh) return profile;
  return { ...profile, ssh: { ...profile.ssh, hostKey: { ...profile.ssh.hostKey, fingerprint } } };
}

/** Number boxes holding something else: named plainly, where the schema would say "received string". */
export function numberErrors(form: ClusterFormModel): Record<string, string> {
  const boxes: [string, string, boolean][] = [
    ['connectionTimeoutMs', form.connectionTimeoutMs, true],
    ['requestTimeoutMs', form.requestTimeoutMs, true],
    ['ssh.port', form.sshPort, form.sshEnabled],
    ['ssh.keepaliveIntervalMs', form.sshKeepaliveIntervalMs, form.sshEnabled],
    ['ssh.keepaliveCountMax', form.sshKeepaliveCountMax, form.sshEnabled],
    ['ssh.connectTimeoutMs', form.sshConnectTimeoutMs, form.sshEnabled],
    ['zookeeper.sessionTimeoutMs', form.zookeeperSessionTimeoutMs, form.zookeeperEnabled],
  ];
  const errors: Record<string, string> = {};
  for (const [path, value, used] of boxes) {
    if (used && value.trim() !== '' && !/^\d+$/.test(value.trim()))
      errors[path] = `expected a whole number, not "${value.trim()}"`;
  }
  return errors;
}
