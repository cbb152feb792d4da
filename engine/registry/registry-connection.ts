import { Agent as HttpsAgent } from 'node:https';
import type { ConnectionOptions } from 'node:tls';
import { classifyError, ConfigError, type SluiceError } from '../errors/index.js';
import type { SchemaRegistrySettings } from '../spec/cluster-profile.js';
import { expandHome } from '../transport/paths.js';
import { readProfileFile } from '../transport/profile-file.js';
import type { SecretResolver } from '../transport/secrets.js';
import type { ChannelOpener } from '../transport/ssh-tunnel.js';
import { TunnelAgent } from './registry-agent.js';
import { RegistryClient, type RegistryClientOptions } from './registry-client.js';
import type { SchemaSource } from './schema-source.js';

/** How a profile reaches its registry: the client's options with secrets resolved, and the profile's name. */
export interface RegistryConnection extends RegistryClientOptions {
  profile: string;
  /**
   * Why the registry settings could not be made ready (an unreadable CA, a missing secret): kept
   * here rather than thrown, so the brokers of the profile stay usable; registryFor throws it.
   */
  failure?: SluiceError;
}

/**
 * The profile's registry settings made ready to connect: the Authorization header from the
 * resolved secret, the CA read, and an agent over the SSH tunnel when the profile has one.
 */
export async function registryConnection(
  profile: string,
  settings: SchemaRegistrySettings,
  tunnel: ChannelOpener | undefined,
  deps: { secrets: SecretResolver; env: NodeJS.ProcessEnv },
): Promise<RegistryConnection> {
  try {
    return await prepare(profile, settings, tunnel, deps);
  } catch (error) {
    return { profile, url: settings.url, failure: classifyError(error) };
  }
}

async function prepare(
  profile: string,
  settings: SchemaRegistrySettings,
  tunnel: ChannelOpener | undefined,
  deps: { secrets: SecretResolver; env: NodeJS.ProcessEnv },
): Promise<RegistryConnection> {
  const headers: Record<string, string> = {};
  const { basic, bearer } = settings.auth ?? {};
  if (basic) {
    const password = await deps.secrets.resolve(basic.password, 'schemaRegistry.auth.basic.password');
    headers['Authorization'] = `Basic ${Buffer.from(`${basic.username}:${password}`).toString('base64')}`;
  } else if (bearer) {
    headers['Authorization'] = `Bearer ${await deps.secrets.resolve(bearer.token, 'schemaRegistry.auth.bearer.token')}`;
  }
  const https = new URL(settings.url).protocol === 'https:';
  let tls: ConnectionOptions | undefined;
  if (https) {
    tls = { rejectUnauthorized: settings.tls?.rejectUnauthorized ?? true };
    const ca = settings.tls?.ca;
    if (ca) tls.ca = [await readProfileFile(expandHome(ca, deps.env), 'schemaRegistry.tls.ca')];
  }
  const agent = tunnel ? new TunnelAgent(tunnel, tls) : tls ? new HttpsAgent(tls) : undefined;
  return { profile, url: settings.url, headers, ...(agent ? { agent } : {}) };
}

const clients = new WeakMap<RegistryConnection, RegistryClient>();

/**
 * The registry client of a resolved cluster connection, one per connection (so its schema cache
 * is shared by every user of the profile); a ConfigError when the profile names no registry.
 */
export function registryFor(connection: { registry?: RegistryConnection; brokers: string[] }): RegistryClient {
  const registry = connection.registry;
  if (!registry) {
    throw new ConfigError(
      `the cluster profile for ${connection.brokers.join(',')} has no schemaRegistry; add its URL to the profile`,
      { details: { field: 'schemaRegistry' } },
    );
  }
  if (registry.failure) throw registry.failure;
  let client = clients.get(registry);
  if (!client) {
    client = new RegistryClient(registry);
    clients.set(registry, client);
  }
  return client;
}

/** A registry that cannot be used (its secret or CA unreadable): every call rejects with why. */
function unusableRegistry(error: unknown): SchemaSource {
  const fail = () => Promise.reject(error);
  return { schemaById: fail, schemaByVersion: fail, register: fail };
}

/**
 * The Schema Registry of a cluster connection: one given directly, else its profile's client, else
 * none. A profile registry that cannot be used is returned as one whose calls fail with the reason,
 * so what uses it (a job's decoder, a browse) reports it where it matters.
 */
export function schemaSourceOf(connection: {
  schemas?: SchemaSource;
  registry?: RegistryConnection;
  brokers: string[];
}): SchemaSource | undefined {
  if (connection.schemas) return connection.schemas;
  if (!connection.registry) return undefined;
  try {
    return registryFor(connection);
  } catch (error) {
    return unusableRegistry(error);
  }
}
