import { describeExportProblem, exportJobToFlink, type FlinkExport } from '../../../engine/export/flink/index';
import type { ClusterProfile } from '../../../engine/spec/cluster-profile';
import type { JobSpec } from '../../../engine/spec/index';
import type { SchemaSource } from '../../../engine/registry/schema-source';
import { NotFoundError } from '../invalid-input-error';
import type { FlinkExportArgs, FlinkExportReply } from './flink-export-args';

export interface FlinkExportServiceDeps {
  getJob(name: string): JobSpec | undefined;
  getCluster(name: string): ClusterProfile | undefined;
  /** Where the app keeps job checkpoints (`<dataDir>/jobs`). */
  stateDir: string;
  /** A profile's Schema Registry client (the app's ClusterConnections), for Avro values a transform reads. */
  registry?: (profile: string) => Promise<SchemaSource>;
  /** engine/export's exportJobToFlink; injected so specs can check what it is given. */
  exportJob?: typeof exportJobToFlink;
}

/** `jobs:export-flink`: the job screen's "Export to Flink", the same script `sluice export flink` writes. */
export class FlinkExportService {
  readonly #deps: FlinkExportServiceDeps;

  constructor(deps: FlinkExportServiceDeps) {
    this.#deps = deps;
  }

  async export(args: FlinkExportArgs): Promise<FlinkExportReply> {
    const spec = this.#deps.getJob(args.name);
    if (!spec) throw new NotFoundError(`no job named "${args.name}"`);
    const exportJob = this.#deps.exportJob ?? exportJobToFlink;
    const result: FlinkExport = await exportJob(spec, {
      stateDir: this.#deps.stateDir,
      lookupProfile: async (name) => {
        const profile = this.#deps.getCluster(name);
        if (!profile)
          throw new NotFoundError(`job "${spec.name}" names the cluster profile "${name}", which does not exist`);
        return profile;
      },
      ...(this.#deps.registry ? { registryOf: this.#deps.registry } : {}),
      ...(args.checkpointId === undefined ? {} : { checkpointId: args.checkpointId }),
      ...(args.allowTodo ? { allowTodo: true } : {}),
    });
    if (!result.ok) return { ok: false, problems: result.problems.map(describeExportProblem) };
    const suffix = args.checkpointId === undefined ? '' : `-from-${args.checkpointId}`;
    return {
      ok: true,
      sql: result.sql,
      fileName: `${spec.name}${suffix}.flink.sql`,
      todos: result.todos.map(describeExportProblem),
      placeholders: result.placeholders,
    };
  }
}
