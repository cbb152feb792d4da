import { readFile } from 'node:fs/promises';
import { ConfigError } from '../errors/index.js';

/** A file a profile names (a key, a CA); an unreadable one is a ConfigError naming the field. */
export async function readProfileFile(path: string, field: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new ConfigError(`${field}: cannot read ${path}: ${(error as Error).message}`, {
      hintId: 'file-access',
      cause: error,
      details: { field, path },
    });
  }
}
