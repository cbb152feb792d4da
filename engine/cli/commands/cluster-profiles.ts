import type { Logger } from '../../job/logger.js';
import { sha256FingerprintSchema, type ClusterProfile } from '../../spec/cluster-profile.js';
import { ClusterConnections } from '../../transport/cluster-connections.js';
import { ProfilesFileError, profilesFilePath, readProfilesFile } from '../../transport/profiles-file.js';
import type { CliIo } from '../cli-io.js';
import { UsageError } from '../exit-codes.js';

export const CLUSTERS_HELP = 'cluster profiles file (default: $SLUICE_CLUSTERS or ~/.sluice/clusters.json)';
export const TRUST_HOST_KEY_HELP =
  "accept the jump host's unknown host key with this fingerprint (SHA256:...), for this run only";

export interface ClusterOptions {
  clusters?: string;
  trustHostKey?: string;
}

/** The `--trust-host-key` value, checked: a typo must not read as "trust nothing" silently. */
export function trustedFingerprint(options: ClusterOptions): string | undefined {
  if (options.trustHostKey === undefined) return undefined;
  const parsed = sha256FingerprintSchema.safeParse(options.trustHostKey);
  if (!parsed.success) {
    throw new UsageError(
      `--trust-host-key "${options.trustHostKey}": ${parsed.error.issues[0]?.message ?? 'not a fingerprint'}`,
    );
  }
  return parsed.data;
}

/** Reads the profiles file; every problem in it is a usage error listing `path: message`, one per line. */
export async function loadProfiles(
  io: CliIo,
  options: ClusterOptions,
): Promise<{ file: string; profiles: ClusterProfile[] }> {
  const file = profilesFilePath(options.clusters, io.env);
  try {
    return { file, profiles: (await readProfilesFile(file)).clusters };
  } catch (error) {
    if (error instanceof ProfilesFileError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
}

export async function findProfile(io: CliIo, options: ClusterOptions, name: string): Promise<ClusterProfile> {
  const { file, profiles } = await loadProfiles(io, options);
  const profile = profiles.find((candidate) => candidate.name === name);
  if (!profile) {
    const known = profiles.map((p) => p.name).join(', ') || 'none';
    throw new UsageError(`no cluster profile named "${name}" in ${file} (profiles: ${known})`);
  }
  return profile;
}

/**
 * The resolver `sluice run` hands the engine for `{ "profile": NAME }` clusters. The profiles file
 * is read only when a job names a profile, so jobs with inline bootstrap servers need none.
 * Close it when the job is done: it holds the SSH connections.
 */
export function cliClusterConnections(io: CliIo, options: ClusterOptions, logger?: Logger): ClusterConnections {
  const trustHostKey = trustedFingerprint(options);
  return new ClusterConnections({
    lookup: async (name) => findProfile(io, options, name),
    env: io.env,
    ...(trustHostKey === undefined ? {} : { trustHostKey }),
    ...(logger ? { logger } : {}),
  });
}
