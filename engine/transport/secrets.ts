import { readFile, stat } from 'node:fs/promises';
import { ConfigError, SluiceError } from '../errors/index.js';
import type { SecretRef } from '../spec/cluster-profile.js';
import { expandHome } from './paths.js';

/** Resolves one kind of reference: `env` gets `KAFKA_PASSWORD` from `env:KAFKA_PASSWORD`. */
export type SecretProvider = (reference: string) => Promise<string>;

/** Turns a profile's `{ secret: "kind:reference" }` into the secret's text, only when connecting. */
export interface SecretResolver {
  resolve(ref: SecretRef, where: string): Promise<string>;
}

export interface SecretResolverOptions {
  env?: NodeJS.ProcessEnv;
  /** More kinds, or replacements for the built-in ones; the desktop app adds `store`. */
  providers?: Record<string, SecretProvider>;
}

/** The built-in kinds: `env:NAME` and `file:/path` (mode 0600 or stricter). */
export function createSecretResolver(options: SecretResolverOptions = {}): SecretResolver {
  const env = options.env ?? process.env;
  const providers: Record<string, SecretProvider> = {
    env: envSecretProvider(env),
    file: fileSecretProvider(env),
    ...options.providers,
  };
  return {
    async resolve(ref, where) {
      const colon = ref.secret.indexOf(':');
      const kind = ref.secret.slice(0, colon);
      const reference = ref.secret.slice(colon + 1);
      const provider = colon > 0 && Object.hasOwn(providers, kind) ? providers[kind] : undefined;
      if (!provider) {
        const known = Object.keys(providers)
          .map((name) => `"${name}:"`)
          .join(', ');
        throw new ConfigError(`${where}: unknown secret kind in "${ref.secret}"; known kinds: ${known}`, {
          details: { where, kind },
        });
      }
      try {
        return await provider(reference);
      } catch (error) {
        if (error instanceof SluiceError) {
          throw new ConfigError(`${where}: ${error.message}`, {
            hintId: error.hintId,
            cause: error,
            details: { where, kind },
          });
        }
        throw error;
      }
    },
  };
}

export function envSecretProvider(env: NodeJS.ProcessEnv): SecretProvider {
  return async (name) => {
    const value = env[name];
    if (value === undefined || value === '') {
      throw new ConfigError(`the environment variable ${name} is not set`);
    }
    return value;
  };
}

/**
 * A secret file must be readable by its owner only: a password that every local user can read is
 * not a secret. One trailing newline is dropped (`echo secret > file` writes one).
 */
export function fileSecretProvider(env: NodeJS.ProcessEnv = process.env): SecretProvider {
  return async (reference) => {
    const file = expandHome(reference, env);
    let mode: number;
    try {
      mode = (await stat(file)).mode;
    } catch (error) {
      throw new ConfigError(`cannot read the secret file ${file}: ${(error as Error).message}`, {
        hintId: 'file-access',
        cause: error,
      });
    }
    if ((mode & 0o077) !== 0) {
      const octal = (mode & 0o777).toString(8).padStart(3, '0');
      throw new ConfigError(
        `the secret file ${file} has mode ${octal}, so other users can read it; run: chmod 600 ${file}`,
        { hintId: 'file-access', details: { file, mode: octal } },
      );
    }
    const text = await readFile(file, 'utf8');
    return text.replace(/\r?\n$/, '');
  };
}
