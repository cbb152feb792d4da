import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The README that Help → Documentation opens: the packaged copy in resources/ (electron-builder
 * extraResources), else the one beside the app in a source checkout. Files inside an asar archive
 * cannot be opened by other programs, so those are skipped.
 */
export function findDocumentation(
  dirs: { resources: string | undefined; app: string },
  exists: (path: string) => boolean = existsSync,
): string | undefined {
  const candidates = [dirs.resources, dirs.app].filter((d): d is string => Boolean(d)).map((d) => join(d, 'README.md'));
  return candidates.find((path) => !/\.asar[\\/]/.test(path) && exists(path));
}
