import { CheckpointStore, type Checkpoint } from '../../checkpoints/index.js';
import type { ClusterProfile } from '../../spec/cluster-profile.js';
import type { JobSpec } from '../../spec/index.js';
import type { SchemaSource } from '../../registry/schema-source.js';
import { avroValueSubject, type AvroValueSchema } from './avro-value.js';
import { exportFlinkSql, type FlinkExport } from './flink-script.js';

export interface ExportJobOptions {
  /** Looks a cluster profile up by name; throws when there is none. */
  lookupProfile: (name: string) => Promise<ClusterProfile>;
  /** Where the job's checkpoints are; needed with `checkpointId`. */
  stateDir: string;
  checkpointId?: number;
  allowTodo?: boolean;
  /**
   * The Schema Registry of a profile (reached as its brokers are), for an Avro value a transform
   * reads: its columns come from the latest schema of `<topic>-value`. Without it, that does not translate.
   */
  registryOf?: (profile: string) => Promise<SchemaSource>;
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
  const valueSchema = await fetchValueSchema(spec, profiles, options.registryOf);
  return exportFlinkSql({
    spec,
    profiles,
    ...(valueSchema ? { valueSchema } : {}),
    ...(checkpoint ? { checkpoint } : {}),
    ...(options.allowTodo ? { allowTodo: true } : {}),
  });
}

/** The latest schema of the source's value subject when a transform reads an Avro value; a failure says why. */
async function fetchValueSchema(
  spec: JobSpec,
  profiles: ReadonlyMap<string, ClusterProfile>,
  registryOf: ExportJobOptions['registryOf'],
): Promise<AvroValueSchema | undefined> {
  const { source, transform } = spec;
  const transformed = transform?.filter !== undefined || transform?.map !== undefined;
  if (!transformed || source.valueFormat !== 'avro' || !('profile' in source.cluster)) return undefined;
  const name = source.cluster.profile;
  const subject = avroValueSubject(source, profiles.get(name)?.schemaRegistry);
  if ('error' in subject) return undefined;
  if (!registryOf) return { subject: subject.subject, error: 'no registry client was given to the export' };
  try {
    const registry = await registryOf(name);
    return { subject: subject.subject, schema: await registry.schemaByVersion(subject.subject, 'latest') };
  } catch (error) {
    return { subject: subject.subject, error: error instanceof Error ? error.message : String(error) };
  }
}
