import type { Kafka } from 'kafkajs';
import { CheckpointStore } from '../../../engine/checkpoints/index';
import type { ClusterResolver } from '../../../engine/job/index';
import type { JobSpec } from '../../../engine/spec/index';
import {
  gatherGroupReport,
  gatherJobReport,
  parseReport,
  renderReport,
  REPORT_FORMAT_INFO,
  reportFileName,
  ReportFormatError,
  restoreJobFromReport,
  summarize,
  type GatherDeps,
  type GatherResult,
  type ParsedReport,
  type PdfPrinter,
} from '../../../engine/reports/index';
import type { GroupResetArgs, GroupResetPreview } from '../../ipc/contract';
import { createClusterAccess, type ClusterAccess } from '../clusters/cluster-access';
import { InvalidInputError, NotFoundError } from '../invalid-input-error';
import type {
  ExportedReport,
  ParsedReportInfo,
  ReportApplyArgs,
  ReportExportArgs,
  ReportParseArgs,
  ReportProgressEvent,
  ReportRestoreJobArgs,
  RestoredJobInfo,
} from './report-args';

export interface ReportsServiceDeps {
  access: ClusterAccess;
  getJob(name: string): JobSpec | undefined;
  /** Where jobs keep their checkpoints (`<dataDir>/jobs`). */
  stateDir: string;
  /** Group resets (preview, drift check, apply) are the groups service's; an import is one. */
  resetPreview(args: GroupResetArgs): Promise<GroupResetPreview>;
  resetApply(args: GroupResetArgs): Promise<GroupResetPreview>;
  /** Electron's printToPDF in the app, headless Chromium in browser mode; absent: no PDF. */
  printPdf?: PdfPrinter;
  sluiceVersion: string;
  emitProgress?(event: ReportProgressEvent): void;
  /** Restoring is refused while the job runs: its next checkpoint would overwrite the restore. */
  isRunning?(job: string): boolean;
}

/** Checkpoint and offset reports: export (every format), parse an import, apply it to a group, restore a job. */
export class ReportsService {
  readonly #deps: ReportsServiceDeps;

  constructor(deps: ReportsServiceDeps) {
    this.#deps = deps;
  }

  async export(args: ReportExportArgs): Promise<ExportedReport> {
    const progress = (stage: ReportProgressEvent['stage'], partitions: number) => {
      if (args.requestId) this.#deps.emitProgress?.({ requestId: args.requestId, stage, partitions });
    };
    const result =
      args.kind === 'group' ? await this.#gatherGroup(args, progress) : await this.#gatherJob(args, progress);
    progress('rendering', result.report.partitions.length);
    const bytes = await renderReport(result.report, args.format, this.#deps.printPdf);
    const info = REPORT_FORMAT_INFO[args.format];
    const binary = args.format === 'pdf';
    return {
      suggestedName: reportFileName(result.report, args.format),
      mime: info.mime,
      encoding: binary ? 'base64' : 'utf8',
      content: bytes.toString(binary ? 'base64' : 'utf8'),
      partitions: result.report.partitions.length,
      totalLag: summarize(result.report).totalLag,
      warnings: result.warnings,
    };
  }

  parse(args: ReportParseArgs): ParsedReportInfo {
    const parsed = this.#parse(args);
    const r = parsed.report;
    return {
      format: parsed.format,
      offsets: parsed.offsets,
      ...(r
        ? {
            source: {
              kind: r.kind,
              job: r.job,
              groupId: r.groupId,
              checkpointId: r.checkpointId,
              takenAt: r.takenAt,
              cluster: r.cluster,
            },
          }
        : {}),
    };
  }

  async applyPreview(args: ReportApplyArgs): Promise<GroupResetPreview> {
    return this.#deps.resetPreview(this.#resetArgs(args));
  }

  /** Plans again and applies: refused while the group has members, or when it moved since the preview. */
  async apply(args: ReportApplyArgs): Promise<GroupResetPreview> {
    return this.#deps.resetApply(this.#resetArgs(args));
  }

  async restoreJob(args: ReportRestoreJobArgs): Promise<RestoredJobInfo> {
    if (!this.#deps.getJob(args.job)) throw new NotFoundError(`no job named "${args.job}"`);
    if (this.#deps.isRunning?.(args.job)) {
      throw refused(`job "${args.job}" is running: stop it before restoring it from a report`);
    }
    const parsed = this.#parse(args);
    const result = await restoreJobFromReport({ stateDir: this.#deps.stateDir, jobName: args.job, parsed });
    return { job: args.job, checkpointId: result.checkpointId, offsets: parsed.offsets.length };
  }

  #parse(args: { fileName: string; text: string }): ParsedReport {
    try {
      return parseReport(args.text, args.fileName);
    } catch (error) {
      if (error instanceof ReportFormatError) {
        throw new InvalidInputError(
          `${args.fileName} is not a valid offset report; nothing was applied`,
          error.problems.map((p) => ({ path: p.line === undefined ? '(file)' : `line ${p.line}`, message: p.message })),
        );
      }
      throw error;
    }
  }

  #resetArgs(args: ReportApplyArgs): GroupResetArgs {
    const parsed = this.#parse(args);
    return {
      cluster: args.cluster,
      request: {
        groupId: args.groupId,
        to: { kind: 'specific', offsets: parsed.offsets },
        topics: [...new Set(parsed.offsets.map((o) => o.topic))],
        outOfRange: args.clamp ? 'clamp' : 'refuse',
      },
      ...(args.expected ? { expected: args.expected } : {}),
    };
  }

  async #gatherGroup(args: ReportExportArgs, progress: GatherDeps['onProgress']): Promise<GatherResult> {
    if (!args.cluster) throw refused('a group report needs a cluster profile');
    const cluster = args.cluster;
    const kafka = args.timestamps ? await this.#deps.access.kafka(cluster) : undefined;
    return this.#deps.access.withAdmin(cluster, (admin) =>
      gatherGroupReport(this.#gatherDeps(admin, kafka, progress), { cluster, groupId: args.name }),
    );
  }

  async #gatherJob(args: ReportExportArgs, progress: GatherDeps['onProgress']): Promise<GatherResult> {
    const spec = this.#deps.getJob(args.name);
    if (!spec) throw new NotFoundError(`no job named "${args.name}"`);
    const store = new CheckpointStore({ stateDir: this.#deps.stateDir, jobName: spec.name, retain: 1 });
    const checkpoint = args.checkpointId === undefined ? await store.latest() : await store.load(args.checkpointId);
    if (!checkpoint) throw refused(`job "${spec.name}" has no checkpoints yet: run it first`);
    const ref = spec.source.cluster;
    const { access, label } =
      args.cluster !== undefined
        ? { access: this.#deps.access, label: args.cluster }
        : 'profile' in ref
          ? { access: this.#deps.access, label: ref.profile }
          : { access: inlineAccess(ref.bootstrapServers), label: ref.bootstrapServers.join(',') };
    const kafka = args.timestamps ? await access.kafka(label) : undefined;
    return access.withAdmin(label, (admin) =>
      gatherJobReport(this.#gatherDeps(admin, kafka, progress), {
        cluster: label,
        jobName: spec.name,
        groupId: spec.source.groupId,
        checkpoint,
      }),
    );
  }

  #gatherDeps(admin: GatherDeps['admin'], kafka: Kafka | undefined, onProgress: GatherDeps['onProgress']): GatherDeps {
    return {
      admin,
      ...(kafka ? { kafka } : {}),
      sluiceVersion: this.#deps.sluiceVersion,
      ...(onProgress ? { onProgress } : {}),
    };
  }
}

/** A request main cannot serve as asked, with its reason. */
class ReportRefusedError extends Error {
  override readonly name = 'ReportRefused';
}
const refused = (message: string) => new ReportRefusedError(message);

/** A job with inline bootstrap servers: reached directly, as the job itself does. */
function inlineAccess(brokers: string[]): ClusterAccess {
  const resolve: ClusterResolver = async () => ({ brokers });
  return createClusterAccess(resolve);
}
