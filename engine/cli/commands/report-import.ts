import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { ResetPlan, ResetPlanRow } from '../../groups/group-reset.js';
import {
  applyReportPlan,
  parseReport,
  previewReportApply,
  ReportFormatError,
  restoreJobFromReport,
  type ParsedReport,
} from '../../reports/index.js';
import type { CliIo } from '../cli-io.js';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.js';
import { resolveStateDir } from '../state-dir.js';
import { formatTable, type Column } from '../table.js';
import { CLUSTERS_HELP, TRUST_HOST_KEY_HELP } from './cluster-profiles.js';
import { clusterChoice, connectReportCluster, type ReportClusterOptions } from './report-connect.js';

type Act = <A extends unknown[]>(
  handler: (...args: A) => Promise<ExitCode> | ExitCode,
) => (...args: A) => Promise<void>;

export interface ApplyOptions extends ReportClusterOptions {
  group: string;
  execute?: boolean;
  json?: boolean;
  clamp?: boolean;
}

export function registerReportImportCommands(report: Command, io: CliIo, act: Act, stateDirHelp: string): void {
  report
    .command('apply')
    .description(
      "set a group's committed offsets from a report (JSON, detailed CSV, or topic,partition,offset CSV): " +
        "shows every partition's change; changes nothing without --execute; refused while the group has members",
    )
    .argument('<file>', 'the report')
    .requiredOption('--group <group>', 'consumer group to set')
    .option('--execute', 'apply the change (default: preview only)')
    .option('--json', 'print the plan as JSON')
    .option('--clamp', "move offsets outside a partition's log to its nearest end instead of refusing")
    .option('--cluster <profile>', 'cluster profile')
    .option('--bootstrap <host:port>', 'bootstrap broker(s), comma-separated')
    .option('--clusters <file>', CLUSTERS_HELP)
    .option('--trust-host-key <fingerprint>', TRUST_HOST_KEY_HELP)
    .action(act((file: string, options: ApplyOptions) => reportApplyCommand(io, file, options)));

  report
    .command('restore-job')
    .description("make a report's offsets the start of the job's next run (written as a new checkpoint)")
    .argument('<job>', 'job name')
    .argument('<file>', 'the report')
    .option('--state-dir <dir>', stateDirHelp)
    .action(
      act((job: string, file: string, options: { stateDir?: string }) =>
        reportRestoreJobCommand(io, job, file, options),
      ),
    );
}

/** Reads and checks a report; any problem is a usage error naming every line, before anything is done. */
export async function readReportFile(file: string): Promise<ParsedReport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return parseReport(text, file);
  } catch (error) {
    if (error instanceof ReportFormatError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
}

const show = (n: number | null) => (n === null ? '-' : String(n));
const PLAN_COLUMNS: readonly Column<ResetPlanRow>[] = [
  { header: 'TOPIC', key: 'topic', align: 'left', value: (r) => r.topic },
  { header: 'PARTITION', key: 'partition', align: 'right', value: (r) => r.partition },
  { header: 'CURRENT', key: 'current', align: 'right', value: (r) => r.current, display: (r) => show(r.current) },
  { header: 'TARGET', key: 'target', align: 'right', value: (r) => r.target },
  { header: 'LOG-START', key: 'logStart', align: 'right', value: (r) => r.logStart },
  { header: 'LOG-END', key: 'logEnd', align: 'right', value: (r) => r.logEnd },
  {
    header: 'LAG-BEFORE',
    key: 'lagBefore',
    align: 'right',
    value: (r) => r.lagBefore,
    display: (r) => show(r.lagBefore),
  },
  { header: 'LAG-AFTER', key: 'lagAfter', align: 'right', value: (r) => r.lagAfter },
  { header: 'NOTE', key: 'note', align: 'left', value: (r) => r.note ?? null, display: (r) => r.note ?? '' },
];

export async function reportApplyCommand(io: CliIo, file: string, options: ApplyOptions): Promise<ExitCode> {
  const parsed = await readReportFile(file);
  const ref = clusterChoice(options);
  const cluster = await connectReportCluster(io, options, ref);
  try {
    const plan: ResetPlan = await previewReportApply(cluster.admin, options.group, parsed, {
      clamp: options.clamp === true,
    });
    if (options.json) io.out(JSON.stringify(plan, null, 2));
    else io.out(formatTable(PLAN_COLUMNS, plan.rows));
    const active = plan.activeMembers > 0;
    if (!options.execute) {
      io.err(
        active
          ? `group "${options.group}" has ${plan.activeMembers} active member(s) (${plan.groupState}): stop them before applying; nothing changed`
          : `preview only: ${plan.rows.length} partition(s) of group "${options.group}" would change; add --execute to apply`,
      );
      return EXIT.ok;
    }
    await applyReportPlan(cluster.admin, plan);
    io.err(`applied: ${plan.rows.length} partition offset(s) of group "${options.group}" set from ${file}`);
    return EXIT.ok;
  } finally {
    await cluster.close();
  }
}

export async function reportRestoreJobCommand(
  io: CliIo,
  jobName: string,
  file: string,
  options: { stateDir?: string },
): Promise<ExitCode> {
  const parsed = await readReportFile(file);
  const result = await restoreJobFromReport({ stateDir: resolveStateDir(options.stateDir, io.env), jobName, parsed });
  io.out(
    `the next run of "${jobName}" starts from checkpoint ${result.checkpointId}, written from ${file} ` +
      `(${parsed.offsets.length} offsets from the report, ${result.offsets.length} in all)`,
  );
  return EXIT.ok;
}
