import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * How many secrets `settings.json` in `dir` holds, read before the cipher exists (the key file
 * must not be replaced while secrets sealed with it exist). 0 when there is no readable file.
 */
export function storedSecretCount(dir: string): number {
  try {
    const data = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as { secrets?: unknown };
    const secrets = data?.secrets;
    return typeof secrets === 'object' && secrets !== null ? Object.keys(secrets).length : 0;
  } catch {
    return 0;
  }
}
