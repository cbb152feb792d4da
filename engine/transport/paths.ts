import { homedir } from 'node:os';
import { join } from 'node:path';

/** `~/x` in a profile means the user's home, as in an ssh config; HOME wins so tests can move it. */
export function expandHome(path: string, env: NodeJS.ProcessEnv = process.env): string {
  if (path === '~') return env['HOME'] ?? homedir();
  if (path.startsWith('~/')) return join(env['HOME'] ?? homedir(), path.slice(2));
  return path;
}
