import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { JobSpec } from '../../../engine/spec/index';
import { InvalidInputError } from '../invalid-input-error';

/** The real path of `path`: its deepest existing ancestor resolved (symlinks and all), the rest appended. */
function realPathOf(path: string): string {
  const rest: string[] = [];
  let current = path;
  while (!existsSync(current) && dirname(current) !== current) {
    rest.unshift(basename(current));
    current = dirname(current);
  }
  return join(realpathSync(current), ...rest);
}

/**
 * A file sink path from the console must lie inside the operator's file sink directory (created
 * 0700 when absent), after `..` and symlinks are resolved; a relative path is taken from that
 * directory. Returns the absolute path the job writes to. The CLI does not call this: it is free.
 * (A symlink created inside the directory after this check is not seen; the directory is the
 * operator's and 0700.)
 */
export function confineFileSinkPath(path: string, directory: string): string {
  const allowed = resolve(directory);
  mkdirSync(allowed, { recursive: true, mode: 0o700 });
  const allowedReal = realpathSync(allowed);
  const target = resolve(allowed, path);
  const real = realPathOf(target);
  if (!real.startsWith(allowedReal + sep)) {
    throw new InvalidInputError('file sink not allowed', [
      {
        path: 'sink.path',
        message: `"${path}" is outside the file sink directory ${allowed} (it resolves to ${real}); write under that directory, or have the operator change "fileSinkDirectory" in settings.json`,
      },
    ]);
  }
  return target;
}

/** The spec as the console may run it: a file sink's path confined and made absolute. */
export function confineJobSpec<T extends JobSpec>(spec: T, directory: string): T {
  if (spec.sink.type !== 'file') return spec;
  return { ...spec, sink: { ...spec.sink, path: confineFileSinkPath(spec.sink.path, directory) } };
}
