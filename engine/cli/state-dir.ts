import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { clusterProfileSchema } from '../spec/cluster-profile.js';
import { UsageError } from './exit-codes.js';

/** `--state-dir`, else `SLUICE_STATE_DIR`, else `~/.sluice/state`: the same order as the app. */
export function resolveStateDir(option: string | undefined, env: NodeJS.ProcessEnv): string {
  const chosen = option ?? env['SLUICE_STATE_DIR'];
  return chosen ? resolve(chosen) : join(homedir(), '.sluice', 'state');
}

/** Where the CLI keeps a cluster's lag history: written by `sluice lag watch`, read by `sluice lag check`. */
export function lagHistoryDir(stateDir: string, profile: string): string {
  if (!clusterProfileSchema.shape.name.safeParse(profile).success)
    throw new UsageError(`cluster profile name "${profile}": expected 1-100 letters, digits, ".", "_" or "-"`);
  return join(stateDir, 'lag', profile);
}
