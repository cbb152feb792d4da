import type { ConnectionOptions } from 'node:tls';
import { ConfigError } from '../errors/index.js';
import type { ClusterConnection, ClusterResolver } from '../job/kafka-clients.js';
import type { Logger } from '../job/logger.js';
import { registryConnection, registryFor } from '../registry/registry-connection.js';
import type { RegistryClient } from '../registry/registry-client.js';
import type { ClusterProfile, SshSettings } from '../spec/cluster-profile.js';
import { expandHome } from './paths.js';
import { readProfileFile } from './profile-file.js';
import { createSecretResolver, type SecretResolver } from './secrets.js';
import { SshTunnel, type SshCredentials } from './ssh-tunnel.js';
import { tunnelSocketFactory } from './tunnel-socket.js';

export interface ProfileDeps {
  secrets?: SecretResolver;
  env?: NodeJS.ProcessEnv;
  /** The operator's decision for this run: accept an unknown jump host key with this fingerprint. */
  trustHostKey?: string;
  logger?: Logger;
}

const DEFAULT_KNOWN_HOSTS = '~/.ssh/known_hosts';

/** The jump host of a profile, with its secrets resolved; not connected yet. */
export async function createTunnel(ssh: SshSettings, deps: ProfileDeps = {}): Promise<SshTunnel> {
  const env = deps.env ?? process.env;
  const secrets = deps.secrets ?? createSecretResolver({ env });
  const pinned = ssh.hostKey?.fingerprint;
  const knownHostsFile = ssh.hostKey?.knownHostsFile ?? (pinned === undefined ? DEFAULT_KNOWN_HOSTS : undefined);
  return new SshTunnel({
    host: ssh.host,
    port: ssh.port,
    user: ssh.user,
    credentials: await sshCredentials(ssh, secrets, env),
    hostKey: {
      ...(pinned === undefined ? {} : { pinned }),
      ...(knownHostsFile === undefined ? {} : { knownHostsFile: expandHome(knownHostsFile, env) }),
      ...(deps.trustHostKey === undefined ? {} : { trusted: deps.trustHostKey }),
    },
    keepaliveIntervalMs: ssh.keepaliveIntervalMs,
    keepaliveCountMax: ssh.keepaliveCountMax,
    connectTimeoutMs: ssh.connectTimeoutMs,
    reconnect: ssh.reconnect,
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
}

async function sshCredentials(
  ssh: SshSettings,
  secrets: SecretResolver,
  env: NodeJS.ProcessEnv,
): Promise<SshCredentials> {
  const auth = ssh.auth;
  switch (auth.type) {
    case 'private-key': {
      const privateKey = await readProfileFile(expandHome(auth.path, env), 'ssh.auth.path');
      if (!auth.passphrase) return { kind: 'private-key', privateKey };
      return {
        kind: 'private-key',
        privateKey,
        passphrase: await secrets.resolve(auth.passphrase, 'ssh.auth.passphrase'),
      };
    }
    case 'password':
      return { kind: 'password', password: await secrets.resolve(auth.password, 'ssh.auth.password') };
    case 'agent': {
      const socket = auth.socket ?? env['SSH_AUTH_SOCK'];
      if (!socket) {
        throw new ConfigError('ssh.auth: no SSH agent: SSH_AUTH_SOCK is not set and the profile names no socket', {
          hintId: 'ssh-auth',
        });
      }
      return { kind: 'agent', socket: expandHome(socket, env) };
    }
  }
}

/** kafkajs's `ssl`: the CA, client certificate and key read from the profile's files; names are always checked. */
export async function tlsConnectionOptions(
  tls: NonNullable<ClusterProfile['tls']>,
  deps: ProfileDeps = {},
): Promise<ConnectionOptions> {
  const env = deps.env ?? process.env;
  const secrets = deps.secrets ?? createSecretResolver({ env });
  const options: ConnectionOptions = { rejectUnauthorized: true };
  if (tls.ca) options.ca = [await readProfileFile(expandHome(tls.ca, env), 'tls.ca')];
  if (tls.cert) options.cert = await readProfileFile(expandHome(tls.cert, env), 'tls.cert');
  if (tls.key) options.key = await readProfileFile(expandHome(tls.key, env), 'tls.key');
  if (tls.keyPassphrase) options.passphrase = await secrets.resolve(tls.keyPassphrase, 'tls.keyPassphrase');
  return options;
}

/** How the engine reaches the profile's cluster: brokers, TLS, SASL, and the tunnel's socket factory. */
export async function clusterConnection(
  profile: ClusterProfile,
  tunnel: SshTunnel | undefined,
  deps: ProfileDeps = {},
): Promise<ClusterConnection> {
  const env = deps.env ?? process.env;
  const secrets = deps.secrets ?? createSecretResolver({ env });
  const connection: ClusterConnection = { brokers: profile.bootstrapServers };
  if (profile.clientId !== undefined) connection.clientId = profile.clientId;
  if (profile.connectionTimeoutMs !== undefined) connection.connectionTimeoutMs = profile.connectionTimeoutMs;
  if (profile.requestTimeoutMs !== undefined) connection.requestTimeoutMs = profile.requestTimeoutMs;
  if (profile.tls) connection.ssl = await tlsConnectionOptions(profile.tls, { ...deps, secrets });
  if (profile.sasl) {
    const password = await secrets.resolve(profile.sasl.password, 'sasl.password');
    const { mechanism, username } = profile.sasl;
    // One branch per mechanism, so each narrows to one of kafkajs's SASL option types.
    if (mechanism === 'plain') connection.sasl = { mechanism, username, password };
    else if (mechanism === 'scram-sha-256') connection.sasl = { mechanism, username, password };
    else connection.sasl = { mechanism, username, password };
  }
  if (tunnel) connection.socketFactory = tunnelSocketFactory(tunnel);
  if (profile.schemaRegistry) {
    connection.registry = await registryConnection(profile.name, profile.schemaRegistry, tunnel, { secrets, env });
  }
  return connection;
}

export interface ClusterConnectionsOptions extends ProfileDeps {
  /** Finds a profile by name (the CLI's profiles file, the app's settings). */
  lookup: (name: string) => Promise<ClusterProfile | undefined> | ClusterProfile | undefined;
  /** Where profiles come from, for the "no such profile" message. */
  source?: string;
}

interface OpenProfile {
  connection: ClusterConnection;
  tunnel: SshTunnel | undefined;
}

/**
 * The engine's `ClusterResolver` for named profiles. Each profile is opened once: one SSH
 * connection per profile, shared by every client of every run (restarts included), and the same
 * ClusterConnection object each time, so a sink on the source's profile shares its clients.
 */
export class ClusterConnections {
  readonly #options: ClusterConnectionsOptions;
  readonly #open = new Map<string, Promise<OpenProfile>>();

  constructor(options: ClusterConnectionsOptions) {
    this.#options = options;
  }

  readonly resolve: ClusterResolver = async (name) => {
    let opening = this.#open.get(name);
    if (!opening) {
      opening = this.#openProfile(name);
      this.#open.set(name, opening);
      const mine = opening;
      // A failed first connect is not cached: the next run (or restart) tries again.
      mine.catch(() => {
        if (this.#open.get(name) === mine) this.#open.delete(name);
      });
    }
    const open = await opening;
    const failure = open.tunnel?.state === 'failed' ? open.tunnel.failure : undefined;
    if (failure) {
      // The tunnel gave up (a changed host key, refused credentials): forget it, so that a later
      // resolve, after the operator fixed the cause, starts over with a fresh first connect.
      if (this.#open.get(name) === opening) this.#open.delete(name);
      await open.tunnel?.close();
      throw failure;
    }
    return open.connection;
  };

  /** The Schema Registry client of a profile, reached as its brokers are (the same SSH tunnel). */
  async registry(name: string): Promise<RegistryClient> {
    return registryFor(await this.resolve(name));
  }

  /** The profile's tunnel once it was resolved (for status displays and ZooKeeper access). */
  async tunnel(name: string): Promise<SshTunnel | undefined> {
    return (await this.#open.get(name)?.catch(() => undefined))?.tunnel;
  }

  async close(): Promise<void> {
    const open = await Promise.all([...this.#open.values()].map((opening) => opening.catch(() => undefined)));
    this.#open.clear();
    await Promise.all(open.map((entry) => entry?.tunnel?.close()));
  }

  async #openProfile(name: string): Promise<OpenProfile> {
    const profile = await this.#options.lookup(name);
    if (!profile) {
      throw new ConfigError(
        `no cluster profile named "${name}"${this.#options.source ? ` in ${this.#options.source}` : ''}`,
        { details: { profile: name } },
      );
    }
    const tunnel = profile.ssh ? await createTunnel(profile.ssh, this.#options) : undefined;
    try {
      await tunnel?.connect();
      return { connection: await clusterConnection(profile, tunnel, this.#options), tunnel };
    } catch (error) {
      await tunnel?.close();
      throw error;
    }
  }
}
