import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError } from '../errors/index.js';
import { parseClusterProfilesFile, type ClusterProfilesFile } from '../spec/cluster-profile.js';
import { describeProblems, type SpecProblem } from '../spec/validation.js';

/** `--clusters FILE`, else `SLUICE_CLUSTERS`, else `~/.sluice/clusters.json`. */
export function profilesFilePath(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = option ?? env['SLUICE_CLUSTERS'];
  return chosen ? resolve(chosen) : join(env['HOME'] ?? homedir(), '.sluice', 'clusters.json');
}

/** A profiles file that cannot be used; `problems` names each one by path (`clusters[1].ssh.port`). */
export class ProfilesFileError extends ConfigError {
  readonly file: string;
  readonly problems: SpecProblem[];

  constructor(file: string, summary: string, problems: SpecProblem[] = [], cause?: unknown) {
    const listed = problems.length === 0 ? '' : `\n${describeProblems(problems)}`;
    super(`${file}: ${summary}${listed}`, {
      ...(cause === undefined ? {} : { cause }),
      details: { file, problems },
    });
    this.file = file;
    this.problems = problems;
  }
}

/** Reads and validates the whole file: every problem is reported, no profile is partly accepted. */
export async function readProfilesFile(file: string): Promise<ClusterProfilesFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ProfilesFileError(
      file,
      missing
        ? 'no cluster profiles file here; create one (see `sluice cluster --help`) or point --clusters or SLUICE_CLUSTERS at it'
        : `cannot read it: ${(error as Error).message}`,
      [],
      error,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new ProfilesFileError(file, `not valid JSON: ${(error as Error).message}`, [], error);
  }
  const parsed = parseClusterProfilesFile(data);
  if (!parsed.ok) {
    const count = parsed.problems.length === 1 ? '1 problem' : `${parsed.problems.length} problems`;
    throw new ProfilesFileError(file, `not a valid cluster profiles file (${count}):`, parsed.problems);
  }
  return parsed.value;
}
