import { Command, Option } from 'commander';
import type { CliIo } from './cli-io.js';
import { checkpointsCommand } from './commands/checkpoints.js';
import { registerGroupsCommands } from './commands/groups.js';
import { registerLagCommands } from './commands/lag.js';
import { registerExportCommands } from './commands/export.js';
import { registerProduceCommand } from './commands/produce.js';
import { LINT_FORMATS, lintCommand, type LintOptions } from './commands/lint.js';
import { registerClusterCommands } from './commands/cluster.js';
import { registerRegistryCommands } from './commands/registry.js';
import { CLUSTERS_HELP, TRUST_HOST_KEY_HELP } from './commands/cluster-profiles.js';
import { OFFSET_FORMATS, offsetsCommand } from './commands/offsets.js';
import { registerReportCommands } from './commands/report.js';
import { restoreCommand } from './commands/restore.js';
import { runCommand } from './commands/run.js';
import { schemaCommand } from './commands/schema.js';
import { registerTopicsCommands } from './commands/topics.js';
import { validateCommand } from './commands/validate.js';
import type { ExitCode } from './exit-codes.js';
import { DEFAULT_STOP_TIMEOUT_S } from './run/stop-signals.js';

const STATE_DIR_HELP = 'where job state lives (default: $SLUICE_STATE_DIR or ~/.sluice/state)';

/**
 * The `sluice` command tree. Each action resolves to an exit code that `main.ts` exits with;
 * parse errors surface as commander errors (exit 2) because of exitOverride().
 */
export function createProgram(io: CliIo, setExitCode: (code: ExitCode) => void): Command {
  const program = new Command('sluice')
    .description('Run and inspect Sluice stream jobs headless.')
    .version(process.env['SLUICE_VERSION'] ?? '0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text) })
    .showHelpAfterError('(add --help for usage)')
    .helpCommand(true);
  const act =
    <A extends unknown[]>(handler: (...args: A) => Promise<ExitCode> | ExitCode) =>
    async (...args: A) =>
      setExitCode(await handler(...args));

  program
    .command('validate')
    .description('check a job spec; lists every problem as `path: message` (exit 2 if any)')
    .argument('<job-file>', 'job spec (JSON)')
    .action(act((file: string) => validateCommand(io, file)));

  program
    .command('run')
    .description('run a job in the foreground; Ctrl-C stops it gracefully with a final checkpoint')
    .argument('<job-file>', 'job spec (JSON)')
    .option('--state-dir <dir>', STATE_DIR_HELP)
    .option('--progress-interval <ms>', 'how often a progress line is printed when not on a terminal', '5000')
    .option('--clusters <file>', CLUSTERS_HELP)
    .option('--trust-host-key <fingerprint>', TRUST_HOST_KEY_HELP)
    .option('--no-lint', 'skip the lint that runs before the job starts')
    .option('--force', 'start even when lint has critical findings (they are still printed)')
    .option(
      '--stop-timeout <seconds>',
      'after Ctrl-C or SIGTERM, exit anyway if the graceful stop has not finished by then',
      String(DEFAULT_STOP_TIMEOUT_S),
    )
    .option('--metrics-file <file>', 'when the job ends, write its final state and metrics to this file as JSON')
    .action(
      act(
        (
          file: string,
          options: { stateDir?: string; progressInterval: string; stopTimeout: string; metricsFile?: string },
        ) => runCommand(io, file, options),
      ),
    );

  program
    .command('lint')
    .description(
      "check a job's settings and the topic and broker configs it touches; findings with severity (exit 1 if one is critical)",
    )
    .argument('<job-file>', 'job spec (JSON)')
    .option('--clusters <file>', CLUSTERS_HELP)
    .option('--trust-host-key <fingerprint>', TRUST_HOST_KEY_HELP)
    .addOption(new Option('--format <format>', 'output format').choices(LINT_FORMATS).default('table'))
    .action(act((file: string, options: LintOptions) => lintCommand(io, file, options)));

  program
    .command('checkpoints')
    .description("list a job's checkpoints: id, time, partition offsets, size, validity")
    .argument('<job>', 'job name (the spec\'s "name")')
    .option('--state-dir <dir>', STATE_DIR_HELP)
    .option('--json', 'print JSON instead of a table')
    .action(act((job: string, options: { stateDir?: string; json?: boolean }) => checkpointsCommand(io, job, options)));

  program
    .command('restore')
    .description('make the next run of a job start from the given checkpoint')
    .argument('<job>', 'job name')
    .argument('<checkpoint-id>', 'id from `sluice checkpoints JOB`')
    .option('--state-dir <dir>', STATE_DIR_HELP)
    .action(act((job: string, id: string, options: { stateDir?: string }) => restoreCommand(io, job, id, options)));

  program
    .command('offsets')
    .description("show a consumer group's offsets per partition: log start, log end, committed, lag")
    .requiredOption('--bootstrap <host:port>', 'bootstrap broker(s), comma-separated')
    .requiredOption('--group <group>', 'consumer group id')
    .option('--topic <topic>', 'only this topic (all its partitions, committed or not)')
    .addOption(new Option('--format <format>', 'output format').choices(OFFSET_FORMATS).default('table'))
    .action(
      act((options: { bootstrap: string; group: string; topic?: string; format: (typeof OFFSET_FORMATS)[number] }) =>
        offsetsCommand(io, options),
      ),
    );

  registerClusterCommands(program, io, act);
  registerRegistryCommands(program, io, act);
  registerGroupsCommands(program, io, act);
  registerLagCommands(program, io, act, STATE_DIR_HELP);
  registerTopicsCommands(program, io, act);
  registerProduceCommand(program, io, act);
  registerReportCommands(program, io, act, STATE_DIR_HELP);
  registerExportCommands(program, io, act, STATE_DIR_HELP);

  program
    .command('schema')
    .description('print the JSON Schema of job specs')
    .action(act(() => schemaCommand(io)));

  return program;
}
