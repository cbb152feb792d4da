import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** `--state-dir`, else `SLUICE_STATE_DIR`, else `~/.sluice/state`: the same order as the app. */
export function resolveStateDir(option: string | undefined, env: NodeJS.ProcessEnv): string {
  const chosen = option ?? env['SLUICE_STATE_DIR'];
  return chosen ? resolve(chosen) : join(homedir(), '.sluice', 'state');
}
