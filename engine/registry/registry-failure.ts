import { ConfigError, ConnectionError, SluiceError, type HintId } from '../errors/index.js';
import { RegistryError } from './schema-source.js';

/**
 * A registry's refusal (by default 409: the schema is incompatible with the subject's versions, or
 * 422: it is invalid) is the job's configuration to fix; anything else (unreachable, 5xx) fails the
 * run for a restart. `what` says what was asked ("registering ... under subject ...").
 */
export function registryFailure(
  what: string,
  error: unknown,
  details: Record<string, unknown>,
  refusals: readonly number[] = [409, 422],
): Error {
  if (error instanceof SluiceError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RegistryError && error.status !== undefined && refusals.includes(error.status)) {
    const hintId: HintId = error.status === 404 ? 'registry-not-found' : 'invalid-config';
    return new ConfigError(`${what}: the registry refused it (${message})`, {
      hintId,
      cause: error,
      details: { ...details, status: error.status },
    });
  }
  return new ConnectionError(`${what} failed: ${message}`, {
    hintId: 'registry-unreachable',
    retriable: true,
    cause: error,
    details,
  });
}
