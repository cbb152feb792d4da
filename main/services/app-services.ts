import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HostConnections } from '../../engine/job/host/host-protocol';
import { storedSecretIds } from '../../engine/job/host/host-session';
import { isActiveState } from '../../engine/job/index';
import type { ClusterProfile } from '../../engine/spec/cluster-profile';
import type { JobSpec } from '../../engine/spec/index';
import { checkCluster, ClusterConnections, createSecretResolver } from '../../engine/transport/index';
import type { AppInfo } from '../ipc/contract';
import type { SaveFileArgs, SaveFileReply } from '../desktop/save-file-args';
import type { OpenFileArgs, OpenFileReply } from '../desktop/open-file-args';
import { unavailableInShell } from '../desktop/unavailable';
import type { Handlers } from '../ipc/dispatcher';
import type { EventHub } from '../ipc/event-outlet';
import { createClusterAccess, kafkaForRef } from './clusters/cluster-access';
import { resolveCluster } from '../../engine/job/kafka-clients';
import { schemaSourceOf } from '../../engine/registry/registry-connection';
import { ClustersService } from './clusters/clusters-service';
import { RegistryService } from './registry/registry-service';
import { GroupsService } from './groups/groups-service';
import { HostedJob } from './jobs/hosted-job';
import { forkHostLauncher, type HostLauncher } from './jobs/job-host-process';
import { JobsService, type JobsServiceDeps } from './jobs/jobs-service';
import { PreviewService } from './jobs/preview-service';
import type { SecretCipher } from './secrets/secret-cipher';
import type { Preferences } from './settings/settings-schema';
import { SettingsService } from './settings/settings-service';
import { TopicAdminService } from './topics/topic-admin-service';
import { TopicsService } from './topics/topics-service';
import { exportRecords } from './topics/record-export';
import { produceRecord } from '../../engine/produce/index';
import { lintJob } from '../../engine/lint/index';
import { clusterHealth } from '../../engine/health/index';
import { HealthService } from './troubleshooting/health-service';
import { LintService } from './troubleshooting/lint-service';
import { chromiumPdfPrinter, type PdfPrinter } from '../../engine/reports/index';
import { ReportsService } from './reports/reports-service';
import { FlinkExportService } from './export/flink-export-service';
import { DEMO_JOB, demoJobSpec, SANDBOX_PROFILE } from './sandbox/demo-job';
import { SandboxService, type SandboxOptions } from './sandbox/sandbox-service';
import { LagService } from './lag/lag-service';
import type { LagHostLauncher } from './lag/lag-host-client';
import type { FromLagHost, ToLagHost } from '../../engine/lag/host/lag-host-protocol';

export interface AppServicesOptions {
  /** Holds settings.json and, under `jobs/`, every job's checkpoints. */
  dataDir: string;
  cipher: SecretCipher;
  hub: EventHub;
  info: Omit<AppInfo, 'secretBackend'>;
  /** Starts a job's host process; default: a Node child process running the job host from source. */
  launchJobHost?: HostLauncher;
  /** Starts the lag host (every watched cluster's monitor); default: a Node child process from source. */
  launchLagHost?: LagHostLauncher;
  /** Replaces hosted jobs altogether (tests of the services with a fake job). */
  createJob?: JobsServiceDeps['createJob'];
  /** Electron's save dialog + atomic write; browser mode has none (the renderer downloads instead). */
  saveFile?: (args: SaveFileArgs) => Promise<SaveFileReply>;
  /** Electron's open dialog (a menu click cannot open the page's file chooser); browser mode has none. */
  openFile?: (args: OpenFileArgs) => Promise<OpenFileReply>;
  /** Electron: follow the theme in native UI (menus, dialogs). */
  onPreferences?: (preferences: Preferences) => void;
  /** Prints report PDFs: Electron's printToPDF in the app (main/services/reports/electron-pdf.ts); default headless Chromium. */
  printPdf?: PdfPrinter;
  /** The first run's sandbox broker: offered only from a source checkout. */
  sandbox?: SandboxOptions;
}

export interface AppServices {
  settings: SettingsService;
  handlers: Handlers;
  /** Stops every job gracefully and closes cluster connections. */
  close(): Promise<void>;
}

const isActive = (job: { state: Parameters<typeof isActiveState>[0] }) => isActiveState(job.state);

/** The job host as TypeScript source, for runs from a checkout (tests); built shells pass their bundle. */
export const SOURCE_JOB_HOST = fileURLToPath(new URL('../../engine/job/host/job-host.ts', import.meta.url));
export const SOURCE_LAG_HOST = fileURLToPath(new URL('../../engine/lag/host/lag-host.ts', import.meta.url));

/** Wires the services together once; both shells (Electron and browser mode) call this. */
export function createAppServices(options: AppServicesOptions): AppServices {
  const settings = new SettingsService({ dir: options.dataDir, cipher: options.cipher });
  const secrets = createSecretResolver({ providers: { store: settings.secretProvider } });
  const newPool = () =>
    new ClusterConnections({ lookup: (name) => settings.getCluster(name), source: 'settings', secrets });
  let connections = newPool();
  // Pools replaced after a profile changed; running jobs may still use their tunnels until quit.
  const retired: ClusterConnections[] = [];
  const resolve = (name: string) => connections.resolve(name);
  const access = createClusterAccess(resolve);
  const clusters = new ClustersService({
    store: settings,
    check: (profile, onStep) => checkCluster(profile, { secrets, ...(onStep ? { onStep } : {}) }),
    emitStep: (event) => options.hub.emit('clusters:check-step', event),
    // A changed profile must not keep serving its old tunnel: start a fresh pool. The old one is
    // closed now when no job runs, else at quit (running jobs keep the connections they have).
    changed: async (name) => {
      await lag.profileChanged(name);
      const old = connections;
      connections = newPool();
      if (jobs.list().some(isActive)) retired.push(old);
      else await old.close();
    },
  });
  const topics = new TopicsService({ access, schemas: async (name) => schemaSourceOf(await resolve(name)) });
  const registry = new RegistryService({ registry: (name) => connections.registry(name) });
  const topicAdmin = new TopicAdminService({ access });
  const preview = new PreviewService({
    kafka: kafkaForRef(resolve),
    schemas: async (ref) => schemaSourceOf(await resolveCluster(ref, resolve)),
  });
  /** What a job's host needs to reach its clusters: the profiles it names and their stored secrets. */
  const hostConnections = async (spec: JobSpec): Promise<HostConnections> => {
    const names = [spec.source.cluster, spec.sink.type === 'kafka' ? spec.sink.cluster : undefined].flatMap((ref) =>
      ref && 'profile' in ref ? [ref.profile] : [],
    );
    return profileConnections(names);
  };
  const profileConnections = async (names: string[]): Promise<HostConnections> => {
    const profiles: Record<string, ClusterProfile> = {};
    const stored: Record<string, string> = {};
    for (const name of names) {
      const profile = settings.getCluster(name);
      if (!profile) continue; // the host names the missing profile when it connects
      profiles[name] = profile;
      for (const id of storedSecretIds(profile)) stored[id] = await settings.secretProvider(id);
    }
    return { profiles, secrets: stored };
  };
  const groups = new GroupsService({
    access,
    stateDir: join(options.dataDir, 'jobs'),
    emitProgress: (event) => options.hub.emit('groups:overview-progress', event),
  });
  const lint = new LintService({
    getJob: (name) => settings.getJob(name),
    lint: (spec) => lintJob(spec, { resolveCluster: resolve }),
  });
  const health = new HealthService({
    getCluster: (name) => settings.getCluster(name),
    resolve,
    tunnel: (name) => connections.tunnel(name),
    health: clusterHealth,
  });
  const jobs = new JobsService({
    lintWarnings: (spec) => lint.startWarnings(spec),
    store: settings,
    createJob:
      options.createJob ??
      ((spec, launch) =>
        new HostedJob(spec, {
          ...launch,
          launch: options.launchJobHost ?? forkHostLauncher(SOURCE_JOB_HOST),
          connections: () => hostConnections(spec),
        })),
    stateDir: join(options.dataDir, 'jobs'),
    emit: (channel, payload) => options.hub.emit(channel, payload),
    // The console writes file sinks only here (the operator's choice in settings.json); the CLI is free.
    fileSinkDirectory: () => settings.fileSinkDirectory() ?? join(options.dataDir, 'sinks'),
  });
  const reports = new ReportsService({
    access,
    getJob: (name) => settings.getJob(name),
    stateDir: join(options.dataDir, 'jobs'),
    resetPreview: (args) => groups.resetPreview(args),
    resetApply: (args) => groups.resetApply(args),
    printPdf: options.printPdf ?? chromiumPdfPrinter(),
    sluiceVersion: options.info.version,
    emitProgress: (event) => options.hub.emit('reports:progress', event),
    isRunning: (name) => jobs.list().some((j) => j.name === name && isActive(j)),
  });
  const flinkExport = new FlinkExportService({
    getJob: (name) => settings.getJob(name),
    getCluster: (name) => settings.getCluster(name),
    stateDir: join(options.dataDir, 'jobs'),
    registry: (name) => connections.registry(name),
  });

  const lag = new LagService({
    settings,
    connections: (cluster) => profileConnections([cluster]),
    launch: options.launchLagHost ?? forkHostLauncher<ToLagHost, FromLagHost>(SOURCE_LAG_HOST),
    dataDir: options.dataDir,
    emit: (channel, payload) => options.hub.emit(channel, payload),
  });
  void lag.start();

  const sandbox = new SandboxService({
    ...(options.sandbox ?? { checkoutRoot: undefined }),
    emit: (status) => options.hub.emit('sandbox:status', status),
    // Saves the broker's profile (beside, never over, a different one of that name) and starts the demo job.
    onReady: async (bootstrap) => {
      const taken = settings.getCluster(SANDBOX_PROFILE);
      const cluster =
        !taken || taken.bootstrapServers.join(',') === bootstrap
          ? SANDBOX_PROFILE
          : `${SANDBOX_PROFILE}-${bootstrap.split(':').pop()}`;
      if (settings.getCluster(cluster)?.bootstrapServers.join(',') !== bootstrap) {
        await clusters.save({
          name: cluster,
          description: 'The local sandbox broker (npm run sandbox)',
          bootstrapServers: [bootstrap],
        });
      }
      if (!settings.getJob(DEMO_JOB)) jobs.save(demoJobSpec(cluster));
      if (!jobs.list().some((job) => job.name === DEMO_JOB && isActive(job))) await jobs.start(DEMO_JOB);
      return { cluster, job: DEMO_JOB };
    },
  });

  const handlers: Handlers = {
    'app:info': async () => ({ ...options.info, secretBackend: options.cipher.backend }),
    'app:problems': async () => [
      ...settings.problems,
      ...(options.cipher.warnings ?? []).map((message) => ({ kind: 'secrets' as const, message, problems: [] })),
    ],
    'sandbox:status': ({ recheck }) => sandbox.status(recheck),
    'sandbox:start': () => sandbox.start(),
    'clusters:list': async () => clusters.list(),
    'clusters:save': ({ profile, previousName }) => clusters.save(profile, previousName),
    'clusters:delete': ({ cluster }) => clusters.delete(cluster),
    'clusters:test': ({ cluster, runId }) => clusters.test(cluster, runId),
    'registry:subjects': ({ cluster }) => registry.subjects(cluster),
    'registry:versions': ({ cluster, subject }) => registry.versions(cluster, subject),
    'registry:schema': ({ cluster, subject, version }) => registry.schema(cluster, subject, version),
    'secrets:set': ({ id, value }) => settings.setSecret(id, value),
    'topics:list': ({ cluster }) => topics.list(cluster),
    'topics:browse': (args) => topics.browse(args),
    'topics:produce': async ({ cluster, record }) => produceRecord(await access.kafka(cluster), record),
    'topics:export': async (args) => exportRecords(args),
    'topics:describe': ({ cluster, topic }) => topicAdmin.describe(cluster, topic),
    'topics:create': (args) => topicAdmin.create(args),
    'topics:delete': (args) => topicAdmin.delete(args),
    'topics:add-partitions': (args) => topicAdmin.addPartitions(args),
    'topics:alter-configs': (args) => topicAdmin.alterConfigs(args),
    'groups:overview': ({ cluster }) => groups.overview(cluster),
    'groups:describe': ({ cluster, group }) => groups.describe(cluster, group),
    'groups:reset-preview': (args) => groups.resetPreview(args),
    'groups:reset-apply': (args) => groups.resetApply(args),
    'jobs:list': async () => jobs.list(),
    'jobs:get': async ({ name }) => jobs.get(name),
    'jobs:save': async ({ spec, previousName }) => jobs.save(spec, previousName),
    'jobs:delete': async ({ name }) => jobs.delete(name),
    'jobs:start': ({ name, restoreFrom }) => jobs.start(name, restoreFrom),
    'jobs:stop': ({ name }) => jobs.stop(name),
    'jobs:checkpoints': ({ name }) => jobs.checkpoints(name),
    'jobs:watch': async ({ name, watch }) => jobs.watch(name, watch),
    'jobs:lint': ({ name }) => lint.lint(name),
    'jobs:lint-spec': ({ spec }) => lint.lintSpec(spec),
    'jobs:preview': (args) => preview.preview(args),
    'jobs:export-flink': (args) => flinkExport.export(args),
    'clusters:health': ({ cluster }) => health.health(cluster),
    'files:open': (args) =>
      options.openFile ? options.openFile(args) : Promise.reject(unavailableInShell('files:open')),
    'preferences:get': async () => settings.preferences(),
    'preferences:set': async (patch) => {
      const saved = settings.setPreferences(patch);
      options.onPreferences?.(saved);
      return saved;
    },
    'reports:export': (args) => reports.export(args),
    'reports:parse': async (args) => reports.parse(args),
    'reports:apply-preview': (args) => reports.applyPreview(args),
    'reports:apply': (args) => reports.apply(args),
    'reports:restore-job': (args) => reports.restoreJob(args),
    'lag:watched': async () => lag.watchedClusters(),
    'lag:watch': (args) => lag.setWatch(args),
    'lag:status': ({ cluster }) => lag.status(cluster),
    'lag:history': ({ cluster, group, range }) => lag.history(cluster, group, range),
    'lag:export': ({ cluster, group, range }) => lag.export(cluster, group, range),
    'lag:mute': async ({ cluster, group, muted }) => lag.mute(cluster, group, muted),
    'files:save': (args) =>
      options.saveFile ? options.saveFile(args) : Promise.reject(unavailableInShell('files:save')),
  };

  return {
    settings,
    handlers,
    async close() {
      await jobs.stopAll();
      await lag.close();
      await Promise.all([connections, ...retired].map((pool) => pool.close()));
      await sandbox.close();
    },
  };
}
