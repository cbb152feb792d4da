import type { Command } from 'commander';
import { writeFileAtomic } from '../../checkpoints/atomic-file.js';
import { describeExportProblem, exportJobToFlink } from '../../export/flink/index.js';
import type { CliIo } from '../cli-io.js';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.js';
import { readValidJobSpec } from '../read-job-spec.js';
import { resolveStateDir } from '../state-dir.js';
import { cliClusterConnections, CLUSTERS_HELP, findProfile, type ClusterOptions } from './cluster-profiles.js';

export interface ExportFlinkOptions extends ClusterOptions {
  out?: string;
  fromCheckpoint?: string;
  allowTodo?: boolean;
  stateDir?: string;
}

/**
 * `sluice export flink job.json`: a Flink SQL script that runs the job with the Kafka connector.
 * Anything that does not translate is listed, one per line, and nothing is written, unless
 * `--allow-todo` asks for it to be left as TODO comments.
 */
export async function exportFlinkCommand(io: CliIo, file: string, options: ExportFlinkOptions): Promise<ExitCode> {
  const checkpointId = options.fromCheckpoint === undefined ? undefined : Number(options.fromCheckpoint);
  if (checkpointId !== undefined && (!/^\d+$/.test(options.fromCheckpoint ?? '') || checkpointId < 1)) {
    throw new UsageError(
      `--from-checkpoint must be a checkpoint id (a whole number >= 1), got "${options.fromCheckpoint}"`,
    );
  }
  const spec = await readValidJobSpec(file);
  let result;
  const connections = cliClusterConnections(io, options);
  try {
    result = await exportJobToFlink(spec, {
      lookupProfile: (name) => findProfile(io, options, name),
      registryOf: (name) => connections.registry(name),
      stateDir: resolveStateDir(options.stateDir, io.env),
      ...(checkpointId === undefined ? {} : { checkpointId }),
      ...(options.allowTodo ? { allowTodo: true } : {}),
    });
  } catch (error) {
    const hint = (error as { hintId?: string }).hintId;
    if (hint === 'checkpoint-corrupt' || hint === 'checkpoint-version' || hint === 'checkpoint-missing') {
      throw new UsageError((error as Error).message, { cause: error });
    }
    throw error;
  } finally {
    await connections.close();
  }
  if (!result.ok) {
    const count = result.problems.length === 1 ? '1 part does' : `${result.problems.length} parts do`;
    io.err(`sluice: job "${spec.name}" cannot be exported to Flink SQL: ${count} not translate:`);
    for (const problem of result.problems) io.err(`  ${describeExportProblem(problem)}`);
    io.err('nothing was written; add --allow-todo to leave these as TODO comments in the script');
    return EXIT.failure;
  }
  for (const todo of result.todos) io.err(`TODO left in the script: ${describeExportProblem(todo)}`);
  if (options.out === undefined) io.out(result.sql);
  else {
    await writeFileAtomic(options.out, result.sql);
    io.err(`wrote ${options.out}${result.todos.length > 0 ? ` with ${result.todos.length} TODO comments` : ''}`);
  }
  if (result.placeholders.length > 0) io.err(`fill before running: ${result.placeholders.join(', ')}`);
  return EXIT.ok;
}

type Act = <A extends unknown[]>(
  handler: (...args: A) => Promise<ExitCode> | ExitCode,
) => (...args: A) => Promise<void>;

/** `sluice export flink`: hand a job over to Apache Flink. */
export function registerExportCommands(program: Command, io: CliIo, act: Act, stateDirHelp: string): void {
  program
    .command('export')
    .description('export a job to run elsewhere')
    .command('flink')
    .description('write a Flink SQL script that runs the job with the Kafka connector; untranslatable parts are listed')
    .argument('<job-file>', 'job spec (JSON)')
    .option('--out <file>', 'write the script here (default: stdout)')
    .option('--from-checkpoint <id>', "start Flink at this checkpoint's offsets, so it continues where Sluice stopped")
    .option('--allow-todo', 'leave untranslatable parts as TODO comments instead of refusing')
    .option('--state-dir <dir>', stateDirHelp)
    .option('--clusters <file>', CLUSTERS_HELP)
    .action(act((file: string, options: ExportFlinkOptions) => exportFlinkCommand(io, file, options)));
}
