import { CheckpointStore, type Checkpoint } from '../../checkpoints/index.js';
import type { ClusterProfile } from '../../spec/cluster-profile.js';
import type { JobSpec } from '../../spec/index.js';
import { exportFlinkSql, type FlinkExport } from './flink-script.js';

export interface ExportJobOptions {
  /** Looks a cluster profile up by name; throws when there is none. */
  lookupProfile: (name: string) => Promise<ClusterProfile>;
  /** Where the job's checkpoints are; needed with `checkpointId`. */
  stateDir: string;
  checkpointId?: number;
  allowTodo?: boolean;
}

/** Looks up what the export needs (profiles, the checkpoint) and writes the Flink SQL script. */
export async function exportJobToFlink(spec: JobSpec, options: ExportJobOptions): Promise<FlinkExport> {
  const refs = [spec.source.cluster, spec.sink.type === 'kafka' ? spec.sink.cluster : undefined];
  const profiles = new Map<string, ClusterProfile>();
  for (const ref of refs) {
    if (ref && 'profile' in ref && !profiles.has(ref.profile)) {
      profiles.set(ref.profile, await options.lookupProfile(ref.profile));
    }
  }
  let checkpoint: Checkpoint | undefined;
  if (options.checkpointId !== undefined) {
    const store = new CheckpointStore({ stateDir: options.stateDir, jobName: spec.name, retain: 1 });
    checkpoint = await store.load(options.checkpointId);
  }
  return exportFlinkSql({
    spec,
    profiles,
    ...(checkpoint ? { checkpoint } : {}),
    ...(options.allowTodo ? { allowTodo: true } : {}),
  });
}
