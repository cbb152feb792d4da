// The one IPC contract between main and the renderer. Every channel is declared once, here, with
// a zod schema for what the renderer sends and for what main pushes; the preload, the browser-mode
// client and the main-side dispatcher (both transports) are derived from these maps.
import { z } from 'zod';
import { clusterProfileSchema, type ClusterProfile } from '../../engine/spec/cluster-profile';
import { jobSpecSchema, type JobSpec, type SpecProblem } from '../../engine/spec/index';
import { groupResetRequestSchema } from '../../engine/groups/reset-request';
import type { ResetPlan } from '../../engine/groups/reset-types';
import type { GroupsOverview, OverviewProgress } from '../../engine/groups/groups-overview-read';
import type { GroupOverviewRow } from '../../engine/groups/groups-overview';
import type { JobMetrics } from '../../engine/metrics/job-metrics';
import type { CheckpointSummary } from '../../engine/checkpoints/checkpoint';
import type { PartitionOffsets } from '../../engine/offsets/group-offsets';
import type { JobState } from '../../engine/job/job-state';
import type { CopyPath } from '../../engine/job/copy-path';
import type { HintSummary } from '../../engine/hints/observation';
import type { LintReport } from '../../engine/lint/lint-job';
import type { ClusterHealth } from '../../engine/health/health-report';
import type { RefusedHostKey } from '../../engine/transport/check-host-key';
import { eventChannelNames, invokeChannelNames, IpcError } from './channel-names';
import { menuActionIds, type MenuAction } from '../desktop/menu-actions';
import { saveFileArgsSchema, type SaveFileReply } from '../desktop/save-file-args';
import { openFileArgsSchema, type OpenFileReply } from '../desktop/open-file-args';
import { preferencesSchema, type Preferences } from '../services/settings/settings-schema';
import {
  reportApplyArgsSchema,
  reportExportArgsSchema,
  reportParseArgsSchema,
  reportRestoreJobArgsSchema,
  type ExportedReport,
  type ParsedReportInfo,
  type ReportProgressEvent,
  type RestoredJobInfo,
} from '../services/reports/report-args';
import { previewArgsSchema } from '../services/jobs/preview-args';
import {
  registrySchemaArgsSchema,
  registrySubjectsArgsSchema,
  registryVersionsArgsSchema,
  type RegistrySchemaInfo,
  type RegistrySubjectsReply,
} from '../services/registry/registry-args';
import {
  topicAddPartitionsArgsSchema,
  topicAlterConfigsArgsSchema,
  topicCreateArgsSchema,
  topicDeleteArgsSchema,
  topicDescribeArgsSchema,
  type TopicConfigs,
  type TopicDescription,
  type TopicDetail,
} from '../services/topics/topic-admin-args';
import type { TransformPreview } from '../services/jobs/preview-service';
import type { SandboxStatus } from '../services/sandbox/sandbox-status';
import type { DecodedPayload } from '../services/topics/browsed-schemas';
import {
  flinkExportArgsSchema,
  type FlinkExportArgs,
  type FlinkExportReply,
} from '../services/export/flink-export-args';
import {
  browseArgsSchema,
  produceArgsSchema,
  recordExportArgsSchema,
  type ExportedRecords,
  type ScanSummary,
} from '../services/topics/browse-args';
import type { ProducedRecord } from '../../engine/produce/produce-request';
import { LAG_LEVELS, PARTITION_STATUSES } from '../../engine/lag/lag-status';
import {
  lagClusterArgsSchema,
  lagHistoryArgsSchema,
  lagMuteArgsSchema,
  lagSetWatchArgsSchema,
  type LagChangeEvent,
  type LagExportReply,
  type LagHistoryInfo,
  type LagStatusReply,
  type LagWatchInfo,
} from '../services/lag/lag-args';

export type { ClusterProfile, JobSpec, JobMetrics, JobState, SpecProblem };
export type { HintSummary };
export type { DecodedPayload };
export type { GroupsOverview, GroupOverviewRow, OverviewProgress };
export type { LintReport, ClusterHealth };
export type { Finding } from '../../engine/diagnosis/finding';
export type { ExportedReport, ParsedReportInfo, ReportProgressEvent, RestoredJobInfo };
export type { FlinkExportArgs, FlinkExportReply };
export type { TransformPreview };
export type { BrowseArgs, BrowseFrom, ScanSummary, ExportedRecords } from '../services/topics/browse-args';
export type { ProducedRecord };
export type { LagChangeEvent, LagExportReply, LagHistoryInfo, LagStatusReply, LagWatchInfo };
export type { SandboxStatus };
export type { TopicConfigs, TopicDescription, TopicDetail };
export type { PreviewRow } from '../../engine/transform/transform-preview';

export interface AppInfo {
  name: string;
  version: string;
  shell: 'electron' | 'browser';
  platform: string;
  /** Where secrets are encrypted: `safe-storage:<backend>` or `aes-256-gcm`. */
  secretBackend: string;
}

export interface SettingsProblemInfo {
  /** `secrets`: the secret key is missing, unreadable or open to others (no backup: nothing was changed). */
  kind: 'unreadable' | 'invalid' | 'newer' | 'secrets';
  message: string;
  backup?: string;
  problems: SpecProblem[];
}

export interface CheckStepInfo {
  step: 'ssh-connect' | 'host-key' | 'ssh-auth' | 'bootstrap' | 'metadata' | 'broker' | 'zookeeper' | 'registry';
  target: string;
  status: 'ok' | 'failed' | 'skipped';
  durationMs: number;
  detail?: string;
  error?: { message: string; hintId: string; retriable: boolean };
  /** On a failed host-key step: the key the jump host presented, for the operator's trust decision. */
  hostKey?: RefusedHostKeyInfo;
}

/** A host key the jump host presented and the check refused, as the engine describes it. */
export type RefusedHostKeyInfo = RefusedHostKey;

/** A step of a running connection test, pushed as it starts (`running`) and as it ends. */
export interface CheckStepEvent {
  cluster: string;
  runId: string;
  /** The step's place in the test's final `steps`. */
  index: number;
  step: Omit<CheckStepInfo, 'status'> & { status: CheckStepInfo['status'] | 'running' };
}

export interface ClusterCheckInfo {
  profile: string;
  ok: boolean;
  steps: CheckStepInfo[];
}

export interface TopicPartitionInfo {
  partition: number;
  leader: number;
  replicas: number;
  isr: number;
  logStartOffset: number;
  logEndOffset: number;
  /** Records held (log end - log start); Kafka's admin API offers no byte sizes to kafkajs. */
  records: number;
}

export interface TopicInfo {
  name: string;
  internal: boolean;
  partitions: TopicPartitionInfo[];
  records: number;
}

/** A key, value or header value as browsed: every byte (base64), and the text where the bytes are UTF-8. */
export interface BrowsedBytes {
  base64: string;
  text: string | null;
  size: number;
  /** Schema Registry framing decoded with its schema (clusters with a registry), or why it could not be. */
  decoded?: DecodedPayload;
}

/** A browsed record; a null key is no key, a null value a tombstone, a null header value none. */
export interface BrowsedRecord {
  partition: number;
  offset: number;
  timestamp: number;
  key: BrowsedBytes | null;
  value: BrowsedBytes | null;
  headers: [string, BrowsedBytes | null][];
}

/** A browse's records; with a filter or search, also what the scan read and matched. */
export interface BrowseResult {
  records: BrowsedRecord[];
  scan?: ScanSummary;
}

/** A group's offsets on one partition: the engine's type, as `sluice offsets` prints it. */
export type GroupPartitionLag = PartitionOffsets;

export interface GroupDetail {
  groupId: string;
  state: string;
  protocol: string;
  members: {
    memberId: string;
    clientId: string;
    host: string;
    assignment: { topic: string; partitions: number[] }[];
  }[];
  partitions: GroupPartitionLag[];
  totalLag: number;
}

/** A group reset's preview (or what was applied); `checkpoint` names the job checkpoint it came from. */
export type GroupResetPreview = ResetPlan & { checkpoint?: { job: string; checkpointId: number; takenAt: number } };

export const groupResetArgsSchema = z
  .object({
    cluster: z.string().min(1),
    request: groupResetRequestSchema,
    /** On apply: the preview's rows; the apply is refused if the group's committed offsets moved since. */
    expected: z
      .array(
        z.object({ topic: z.string(), partition: z.number().int(), current: z.number().int().nullable() }).strict(),
      )
      .optional(),
  })
  .strict();
export type GroupResetArgs = z.output<typeof groupResetArgsSchema>;

export interface JobStatus {
  name: string;
  description?: string;
  /** `idle` until the job is started in this session. */
  state: JobState | 'idle';
  recordsInPerSecond: number;
  recordsOutPerSecond: number;
  lag: number | undefined;
  lastCheckpointId: number | undefined;
  error?: { message: string; hintId?: string };
  /** Troubleshooting hints of the current or last run (engine/hints); `active` ones mark the job in the list. */
  hints?: HintSummary[];
}

export interface JobDetail {
  spec: JobSpec;
  status: JobStatus;
  metrics: JobMetrics | undefined;
  /** Kafka sinks: the copy path the current or last run reported at its start (engine/job/copy-path.ts). */
  copyPath?: CopyPath;
}

/** One checkpoint of a job as the store lists it (the engine's type). */
export type CheckpointInfo = CheckpointSummary;

const name = z.string().min(1);
const none = z.undefined();
const clusterArg = z.object({ cluster: name }).strict();
const jobArg = z.object({ name }).strict();

/** Changes some preferences (theme, refresh interval); the rest stay as they are. */
const preferencesPatch = preferencesSchema.partial().strict();

/** A channel: the schema main validates the renderer's argument with, and the result's type. */
function call<A extends z.ZodType, R>(args: A): { args: A; result: R } {
  return { args, result: undefined as R };
}

export const invokeContract = {
  'app:info': call<typeof none, AppInfo>(none),
  'app:problems': call<typeof none, SettingsProblemInfo[]>(none),
  // `recheck` looks for Java again (after the operator installed it).
  'sandbox:status': call<z.ZodObject<{ recheck: z.ZodOptional<z.ZodBoolean> }>, SandboxStatus>(
    z.object({ recheck: z.boolean().optional() }).strict(),
  ),
  'sandbox:start': call<typeof none, SandboxStatus>(none),
  'clusters:list': call<typeof none, ClusterProfile[]>(none),
  'clusters:save': call<
    z.ZodObject<{ profile: typeof clusterProfileSchema; previousName: z.ZodOptional<typeof name> }>,
    ClusterProfile
  >(z.object({ profile: clusterProfileSchema, previousName: name.optional() }).strict()),
  'clusters:delete': call<typeof clusterArg, void>(clusterArg),
  'clusters:test': call<z.ZodObject<{ cluster: typeof name; runId: z.ZodOptional<typeof name> }>, ClusterCheckInfo>(
    z.object({ cluster: name, runId: name.optional() }).strict(),
  ),
  'secrets:set': call<z.ZodObject<{ id: typeof name; value: z.ZodString }>, { secret: string }>(
    z.object({ id: name, value: z.string().min(1) }).strict(),
  ),
  'topics:list': call<typeof clusterArg, TopicInfo[]>(clusterArg),
  'topics:browse': call<typeof browseArgsSchema, BrowseResult>(browseArgsSchema),
  'topics:produce': call<typeof produceArgsSchema, ProducedRecord>(produceArgsSchema),
  // The records in view as NDJSON or CSV; the renderer saves the file (a dialog and an atomic write).
  'topics:export': call<typeof recordExportArgsSchema, ExportedRecords>(recordExportArgsSchema),
  // Topic administration (engine/topics); a refusal's problems name the request's fields.
  'topics:describe': call<typeof topicDescribeArgsSchema, TopicDetail>(topicDescribeArgsSchema),
  'topics:create': call<typeof topicCreateArgsSchema, TopicDescription>(topicCreateArgsSchema),
  'topics:delete': call<typeof topicDeleteArgsSchema, void>(topicDeleteArgsSchema),
  'topics:add-partitions': call<typeof topicAddPartitionsArgsSchema, TopicDescription>(topicAddPartitionsArgsSchema),
  'topics:alter-configs': call<typeof topicAlterConfigsArgsSchema, TopicConfigs>(topicAlterConfigsArgsSchema),
  // Every group with state, members, topics and total lag; progress comes as groups:overview-progress.
  'groups:overview': call<typeof clusterArg, GroupsOverview>(clusterArg),
  'groups:describe': call<z.ZodObject<{ cluster: typeof name; group: typeof name }>, GroupDetail>(
    z.object({ cluster: name, group: name }).strict(),
  ),
  'groups:reset-preview': call<typeof groupResetArgsSchema, GroupResetPreview>(groupResetArgsSchema),
  'groups:reset-apply': call<typeof groupResetArgsSchema, GroupResetPreview>(groupResetArgsSchema),
  'jobs:list': call<typeof none, JobStatus[]>(none),
  'jobs:get': call<typeof jobArg, JobDetail>(jobArg),
  'jobs:save': call<z.ZodObject<{ spec: typeof jobSpecSchema; previousName: z.ZodOptional<typeof name> }>, JobSpec>(
    z.object({ spec: jobSpecSchema, previousName: name.optional() }).strict(),
  ),
  'jobs:delete': call<typeof jobArg, void>(jobArg),
  'jobs:start': call<z.ZodObject<{ name: typeof name; restoreFrom: z.ZodOptional<z.ZodNumber> }>, JobStatus>(
    z.object({ name, restoreFrom: z.number().int().positive().optional() }).strict(),
  ),
  'jobs:stop': call<typeof jobArg, JobStatus>(jobArg),
  'jobs:checkpoints': call<typeof jobArg, CheckpointInfo[]>(jobArg),
  /** A job page asks for its job's full metrics (every partition) while open; `watch: false` when it closes. */
  'jobs:watch': call<z.ZodObject<{ name: typeof name; watch: z.ZodBoolean }>, void>(
    z.object({ name, watch: z.boolean() }).strict(),
  ),
  'jobs:lint': call<typeof jobArg, LintReport>(jobArg),
  // The same lint for a spec being edited, before it is saved (the job editor's findings by field).
  'jobs:lint-spec': call<z.ZodObject<{ spec: typeof jobSpecSchema }>, LintReport>(
    z.object({ spec: jobSpecSchema }).strict(),
  ),
  // A spec's filter and map over the newest records of its source; starts no job.
  'jobs:preview': call<typeof previewArgsSchema, TransformPreview>(previewArgsSchema),
  // The job as a Flink SQL script (engine/export/flink), or every part that does not translate.
  'jobs:export-flink': call<typeof flinkExportArgsSchema, FlinkExportReply>(flinkExportArgsSchema),
  'clusters:health': call<typeof clusterArg, ClusterHealth>(clusterArg),
  // Electron only (a native save dialog, then an atomic write); browser mode answers UnavailableInShell.
  'files:save': call<typeof saveFileArgsSchema, SaveFileReply>(saveFileArgsSchema),
  'files:open': call<typeof openFileArgsSchema, OpenFileReply>(openFileArgsSchema),
  'preferences:get': call<typeof none, Preferences>(none),
  'preferences:set': call<typeof preferencesPatch, Preferences>(preferencesPatch),
  // Checkpoint and offset reports (engine/reports): export, parse an import, apply it to a group, restore a job.
  'reports:export': call<typeof reportExportArgsSchema, ExportedReport>(reportExportArgsSchema),
  'reports:parse': call<typeof reportParseArgsSchema, ParsedReportInfo>(reportParseArgsSchema),
  'reports:apply-preview': call<typeof reportApplyArgsSchema, GroupResetPreview>(reportApplyArgsSchema),
  'reports:apply': call<typeof reportApplyArgsSchema, GroupResetPreview>(reportApplyArgsSchema),
  'reports:restore-job': call<typeof reportRestoreJobArgsSchema, RestoredJobInfo>(reportRestoreJobArgsSchema),
  // A cluster's Schema Registry, read-only (main/services/registry).
  'registry:subjects': call<typeof registrySubjectsArgsSchema, RegistrySubjectsReply>(registrySubjectsArgsSchema),
  'registry:versions': call<typeof registryVersionsArgsSchema, number[]>(registryVersionsArgsSchema),
  'registry:schema': call<typeof registrySchemaArgsSchema, RegistrySchemaInfo>(registrySchemaArgsSchema),
  // Lag monitoring (main/services/lag): watched clusters, latest status, history, CSV, muted groups.
  'lag:watched': call<typeof none, LagWatchInfo[]>(none),
  'lag:watch': call<typeof lagSetWatchArgsSchema, LagWatchInfo>(lagSetWatchArgsSchema),
  'lag:status': call<typeof lagClusterArgsSchema, LagStatusReply>(lagClusterArgsSchema),
  'lag:history': call<typeof lagHistoryArgsSchema, LagHistoryInfo>(lagHistoryArgsSchema),
  // The renderer saves the file (a dialog and an atomic write, or a download in browser mode).
  'lag:export': call<typeof lagHistoryArgsSchema, LagExportReply>(lagHistoryArgsSchema),
  'lag:mute': call<typeof lagMuteArgsSchema, string[]>(lagMuteArgsSchema),
};

const jobStateSchema = z.enum([
  'created',
  'starting',
  'running',
  'stopping',
  'stopped',
  'finished',
  'failed',
  'restarting',
]);

const lagLevel = z.enum(LAG_LEVELS);

export const eventContract = {
  // A watched cluster's cycle ended (its status is read with lag:status).
  'lag:cycle': z.object({ cluster: name, at: z.number(), groups: z.number() }),
  // A watched group's level changed; `notify` is false for a muted group.
  'lag:change': z.object({
    cluster: name,
    groupId: name,
    from: lagLevel.nullable(),
    to: lagLevel,
    status: z.enum(PARTITION_STATUSES),
    at: z.number(),
    notify: z.boolean(),
  }) satisfies z.ZodType<LagChangeEvent>,
  // A clicked desktop notification: open the group's page.
  'lag:open': z.object({ cluster: name, group: name }),
  'reports:progress': z.custom<ReportProgressEvent>(
    (v) =>
      typeof v === 'object' &&
      v !== null &&
      typeof (v as { requestId?: unknown }).requestId === 'string' &&
      typeof (v as { partitions?: unknown }).partitions === 'number',
  ),
  // A native menu item or a clicked notification: the renderer runs the action like a shortcut.
  'app:menu': z.custom<MenuAction>(
    (v) =>
      typeof v === 'object' &&
      v !== null &&
      (menuActionIds as readonly unknown[]).includes((v as { action?: unknown }).action) &&
      ['undefined', 'string'].includes(typeof (v as { job?: unknown }).job),
  ),
  'app:notice': z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string() }),
  'clusters:check-step': z.custom<CheckStepEvent>(
    (v) =>
      typeof v === 'object' &&
      v !== null &&
      typeof (v as { cluster?: unknown }).cluster === 'string' &&
      typeof (v as { runId?: unknown }).runId === 'string' &&
      typeof (v as { index?: unknown }).index === 'number' &&
      typeof (v as { step?: { step?: unknown } }).step?.step === 'string',
  ),
  'jobs:state': z.object({
    name,
    from: jobStateSchema,
    to: jobStateSchema,
    at: z.number(),
    reason: z.string().optional(),
  }),
  // A watched job's full metrics (jobs:watch). The engine builds them; this checks the envelope.
  'jobs:metrics': z.custom<JobMetrics>(
    (v) =>
      typeof v === 'object' &&
      v !== null &&
      typeof (v as { jobName?: unknown }).jobName === 'string' &&
      Array.isArray((v as { partitions?: unknown }).partitions),
  ),
  'sandbox:status': z.custom<SandboxStatus>((v) => typeof v === 'object' && v !== null && 'state' in v),
  'groups:overview-progress': z.object({
    cluster: name,
    phase: z.enum(['list', 'describe', 'offsets', 'log-bounds']),
    done: z.number(),
    total: z.number(),
  }),
  // Every running job's small summary, once a second, for the jobs list.
  'jobs:summary': z.object({
    name,
    recordsInPerSecond: z.number(),
    recordsOutPerSecond: z.number(),
    lag: z.number().optional(),
    lastCheckpointId: z.number().optional(),
    at: z.number(),
  }),
  'jobs:checkpoint': z.object({ name, checkpointId: z.number(), takenAt: z.number(), final: z.boolean() }),
  'jobs:warning': z.object({ name, message: z.string(), at: z.number() }),
  // The engine builds hint summaries; this checks the envelope.
  'jobs:hints': z.object({ name, hints: z.custom<HintSummary[]>((v) => Array.isArray(v)), at: z.number() }),
  'jobs:error': z.object({
    name,
    message: z.string(),
    hintId: z.string().optional(),
    willRestart: z.boolean(),
    at: z.number(),
  }),
};

type InvokeContract = typeof invokeContract;
type EventContract = typeof eventContract;

/** Calls the renderer makes: channel → (argument as sent, argument as validated) → result. */
export type InvokeChannels = {
  [C in keyof InvokeContract]: {
    args: z.input<InvokeContract[C]['args']>;
    parsed: z.output<InvokeContract[C]['args']>;
    result: InvokeContract[C]['result'];
  };
};

/** Events main pushes to the renderer: channel → payload. */
export type EventChannels = { [C in keyof EventContract]: z.output<EventContract[C]> };

export type InvokeChannel = keyof InvokeChannels;
export type EventChannel = keyof EventChannels;

// Both ways: every name listed is a channel here, and every channel here is listed.
type SameKeys<A extends PropertyKey, B extends PropertyKey> = [A] extends [B]
  ? [B] extends [A]
    ? true
    : false
  : false;
const invokeNamesMatch: SameKeys<(typeof invokeChannelNames)[number], InvokeChannel> = true;
const eventNamesMatch: SameKeys<(typeof eventChannelNames)[number], EventChannel> = true;
void invokeNamesMatch;
void eventNamesMatch;

export const invokeChannels: readonly InvokeChannel[] = invokeChannelNames;
export const eventChannels: readonly EventChannel[] = eventChannelNames;
export { IpcError };

/** What a handler answers: a result, or an error the renderer-side API rethrows. */
export type IpcReply<T> =
  { result: T } | { error: { name: string; message: string; hintId?: string; problems?: SpecProblem[] } };

/** The API the preload (Electron) or the browser-mode client exposes as `window.sluice`. */
export interface SluiceApi {
  invoke<C extends InvokeChannel>(channel: C, args: InvokeChannels[C]['args']): Promise<InvokeChannels[C]['result']>;
  on<C extends EventChannel>(channel: C, listener: (payload: EventChannels[C]) => void): () => void;
  ready(): void;
}
