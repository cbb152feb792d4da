import { existsSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { Option, type Command } from 'commander';
import { CheckpointStore, type Checkpoint } from '../../checkpoints/index.js';
import {
  chromiumPdfPrinter,
  gatherGroupReport,
  gatherJobReport,
  renderReport,
  REPORT_FORMATS,
  writeReportFile,
  type GatherResult,
  type ReportFormat,
} from '../../reports/index.js';
import type { CliIo } from '../cli-io.js';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.js';
import { readValidJobSpec } from '../read-job-spec.js';
import { resolveStateDir } from '../state-dir.js';
import { CLUSTERS_HELP, TRUST_HOST_KEY_HELP } from './cluster-profiles.js';
import { clusterChoice, connectReportCluster, type ReportClusterOptions } from './report-connect.js';
import { registerReportImportCommands } from './report-import.js';

type Act = <A extends unknown[]>(
  handler: (...args: A) => Promise<ExitCode> | ExitCode,
) => (...args: A) => Promise<void>;

export interface ReportExportOptions extends ReportClusterOptions {
  format?: ReportFormat;
  out?: string;
  /** commander's --no-timestamps. */
  timestamps: boolean;
}

const sluiceVersion = (io: CliIo) => io.env['SLUICE_VERSION'] ?? '0.1.0';

/** `sluice report ...`: export job and group reports, apply one to a group, restore a job from one. */
export function registerReportCommands(program: Command, io: CliIo, act: Act, stateDirHelp: string): void {
  const report = program
    .command('report')
    .description(
      'offset reports: export a job or group (offsets-csv for kafka-consumer-groups, csv, json, html, pdf), apply one to a group, restore a job from one',
    );
  const exportOptions = (command: Command) =>
    command
      .addOption(
        new Option('--format <format>', 'report format (default: from --out, else json)').choices(REPORT_FORMATS),
      )
      .option('--out <file>', 'write here (atomically) instead of stdout; required for pdf')
      .option('--no-timestamps', 'do not read the record at each offset for its timestamp')
      .option('--cluster <profile>', 'cluster profile')
      .option('--bootstrap <host:port>', 'bootstrap broker(s), comma-separated')
      .option('--clusters <file>', CLUSTERS_HELP)
      .option('--trust-host-key <fingerprint>', TRUST_HOST_KEY_HELP);

  exportOptions(
    report
      .command('job')
      .description("a job's checkpointed offsets beside its group's committed offsets, log bounds, lag and timestamps")
      .argument('<job>', 'job spec file (its cluster and group are used), or a job name with --group and a cluster')
      .option('--checkpoint <id>', 'this checkpoint instead of the latest')
      .option('--group <group>', "the job's consumer group (default: the spec's source.groupId)")
      .option('--state-dir <dir>', stateDirHelp),
  ).action(
    act((job: string, options: ReportExportOptions & { checkpoint?: string; group?: string; stateDir?: string }) =>
      reportJobCommand(io, job, options),
    ),
  );

  exportOptions(
    report
      .command('group')
      .description("a consumer group's committed offsets, log bounds, lag and timestamps per partition")
      .argument('<group>', 'consumer group id')
      .option('--topic <topic...>', 'every partition of these topics (default: the topics the group committed to)'),
  ).action(
    act((group: string, options: ReportExportOptions & { topic?: string[] }) => reportGroupCommand(io, group, options)),
  );

  registerReportImportCommands(report, io, act, stateDirHelp);
}

export async function reportJobCommand(
  io: CliIo,
  job: string,
  options: ReportExportOptions & { checkpoint?: string; group?: string; stateDir?: string },
): Promise<ExitCode> {
  const format = chooseFormat(options);
  const isFile = existsSync(job) && statSync(job).isFile();
  const spec = isFile ? await readValidJobSpec(job) : undefined;
  const jobName = spec?.name ?? job;
  const groupId = options.group ?? spec?.source.groupId;
  if (groupId === undefined) throw new UsageError(`"${job}" is not a job spec file; give --group with a job name`);
  const ref =
    options.cluster !== undefined || options.bootstrap !== undefined || !spec
      ? clusterChoice(options)
      : spec.source.cluster;
  const checkpoint = await loadCheckpoint(io, jobName, options);
  const cluster = await connectReportCluster(io, options, ref);
  try {
    const result = await gatherJobReport(
      {
        admin: cluster.admin,
        ...(options.timestamps ? { kafka: cluster.kafka } : {}),
        sluiceVersion: sluiceVersion(io),
      },
      { cluster: cluster.label, jobName, groupId, checkpoint },
    );
    return await emit(io, result, format, options.out);
  } finally {
    await cluster.close();
  }
}

export async function reportGroupCommand(
  io: CliIo,
  groupId: string,
  options: ReportExportOptions & { topic?: string[] },
): Promise<ExitCode> {
  const format = chooseFormat(options);
  const cluster = await connectReportCluster(io, options, clusterChoice(options));
  try {
    const result = await gatherGroupReport(
      {
        admin: cluster.admin,
        ...(options.timestamps ? { kafka: cluster.kafka } : {}),
        sluiceVersion: sluiceVersion(io),
      },
      { cluster: cluster.label, groupId, ...(options.topic ? { topics: options.topic } : {}) },
    );
    if (result.report.partitions.length === 0)
      io.err(`group "${groupId}" has no committed offsets${options.topic ? ' on those topics' : ''}`);
    return await emit(io, result, format, options.out);
  } finally {
    await cluster.close();
  }
}

const EXTENSIONS: Record<string, ReportFormat> = { '.json': 'json', '.csv': 'csv', '.html': 'html', '.pdf': 'pdf' };

function chooseFormat(options: { format?: ReportFormat; out?: string }): ReportFormat {
  const format = options.format ?? (options.out ? EXTENSIONS[extname(options.out).toLowerCase()] : undefined) ?? 'json';
  if (format === 'pdf' && !options.out)
    throw new UsageError('--format pdf needs --out FILE (PDF is not written to a terminal)');
  return format;
}

async function loadCheckpoint(
  io: CliIo,
  jobName: string,
  options: { checkpoint?: string; stateDir?: string },
): Promise<Checkpoint> {
  const store = new CheckpointStore({ stateDir: resolveStateDir(options.stateDir, io.env), jobName, retain: 1 });
  if (options.checkpoint !== undefined) {
    const id = Number(options.checkpoint);
    if (!/^\d+$/.test(options.checkpoint) || !Number.isSafeInteger(id) || id < 1)
      throw new UsageError(`--checkpoint must be a whole number >= 1, got "${options.checkpoint}"`);
    try {
      return await store.load(id);
    } catch (error) {
      throw new UsageError((error as Error).message, { cause: error });
    }
  }
  const latest = await store.latest();
  if (!latest) throw new UsageError(`job "${jobName}" has no checkpoints in ${store.dir}`);
  return latest;
}

async function emit(io: CliIo, result: GatherResult, format: ReportFormat, out: string | undefined): Promise<ExitCode> {
  for (const warning of result.warnings) io.err(`warning: ${warning}`);
  const bytes = await renderReport(result.report, format, chromiumPdfPrinter({ env: io.env }));
  if (out === undefined) {
    io.out(bytes.toString('utf8'));
    return EXIT.ok;
  }
  await writeReportFile(out, bytes);
  io.err(`wrote the ${format} report (${result.report.partitions.length} partitions) to ${out}`);
  return EXIT.ok;
}
