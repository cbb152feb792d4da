import { ConnectionError, SluiceError, type HintId } from '../errors/index.js';
import { TunnelAgent } from './registry-agent.js';
import { RegistryClient } from './registry-client.js';
import type { RegistryConnection } from './registry-connection.js';
import { RegistryRequestError, type RegistryFailure } from './registry-http.js';

// The registry step of a connection test: one GET /subjects with the profile's auth, TLS and
// tunnel, its failure named as unreachable, TLS, refused credentials or a wrong URL.

export type RegistryCheck = { ok: true; detail: string } | { ok: false; error: SluiceError };

const HINTS: Record<RegistryFailure, HintId> = {
  unreachable: 'registry-unreachable',
  timeout: 'registry-unreachable',
  tls: 'tls',
  auth: 'registry-auth',
  'not-found': 'registry-not-found',
  rejected: 'unknown',
};

const WHAT: Record<RegistryFailure, string> = {
  unreachable: 'the registry is not reachable',
  timeout: 'the registry did not answer in time',
  tls: 'the TLS handshake with the registry failed',
  auth: 'the registry refused the credentials',
  'not-found': 'no Schema Registry API at this URL (for Apicurio, the URL ends in /apis/ccompat/v7)',
  rejected: 'the registry answered with an error',
};

export async function checkRegistry(connection: RegistryConnection, timeoutMs: number): Promise<RegistryCheck> {
  if (connection.failure) return { ok: false, error: connection.failure };
  // A client of its own: a check must not answer from (or fill) a job's cache.
  const client = new RegistryClient({ ...connection, timeoutMs });
  try {
    const subjects = await client.subjects();
    const auth = connection.headers?.['Authorization']?.split(' ')[0]?.toLowerCase();
    return {
      ok: true,
      detail: `${subjects.length} subject(s)${auth ? `, ${auth} auth` : ''}${connection.agent instanceof TunnelAgent ? ', through the SSH tunnel' : ''}`,
    };
  } catch (error) {
    if (error instanceof RegistryRequestError) {
      return {
        ok: false,
        error: new ConnectionError(`${WHAT[error.failure]}: ${error.message}`, {
          hintId: HINTS[error.failure],
          retriable: error.failure === 'unreachable' || error.failure === 'timeout',
          cause: error,
          details: { registry: connection.url, ...(error.status ? { status: error.status } : {}) },
        }),
      };
    }
    return {
      ok: false,
      error: new ConnectionError((error as Error).message, { hintId: 'unknown', retriable: false, cause: error }),
    };
  }
}
