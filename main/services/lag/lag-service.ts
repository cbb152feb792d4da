import { existsSync } from 'node:fs';
import { lagHistoryDir } from '../../../engine/cli/state-dir';
import type { HostConnections } from '../../../engine/job/host/host-protocol';
import { HISTORY_RANGES, type HistoryRangeName } from '../../../engine/lag/lag-status';
import type { EventChannels } from '../../ipc/contract';
import { InvalidInputError, NotFoundError } from '../invalid-input-error';
import {
  lagWatchSchema,
  type LagExportReply,
  type LagHistoryInfo,
  type LagSettings,
  type LagStatusReply,
  type LagWatchInfo,
} from './lag-args';
import { lagHistoryCsv } from './lag-csv';
import { LagHostClient, type LagHostEvent, type LagHostLauncher } from './lag-host-client';

export interface LagSettingsStore {
  lagSettings(): LagSettings;
  setLagSettings(settings: LagSettings): void;
  getCluster(name: string): unknown;
}

export interface LagServiceDeps {
  settings: LagSettingsStore;
  /** The profile and stored secrets the host needs to reach a cluster (as a job host gets them). */
  connections(cluster: string): Promise<HostConnections>;
  launch: LagHostLauncher;
  dataDir: string;
  emit<C extends 'lag:change' | 'lag:cycle' | 'app:notice'>(channel: C, payload: EventChannels[C]): void;
  now?: () => number;
  /** How often history is rolled up and trimmed (maintain); default hourly. */
  maintainEveryMs?: number;
  /** How long after the host died it is started again. */
  restartDelayMs?: number;
}

/**
 * Watched clusters: one lag host process runs a monitor per watched cluster, writing its history
 * under `<data dir>/lag/<cluster>/`. This service keeps the watch list and the muted groups in
 * settings, starts the host when a cluster is watched, asks it for status and history, and passes
 * level changes on (marked whether they should notify).
 */
export class LagService {
  readonly #deps: LagServiceDeps;
  readonly #now: () => number;
  #host: LagHostClient | undefined;
  #maintainTimer: ReturnType<typeof setInterval> | undefined;
  #restartTimer: ReturnType<typeof setTimeout> | undefined;
  #closing = false;
  /** Clusters whose last cycle failed: their next failure is not announced again. */
  readonly #failing = new Set<string>();

  constructor(deps: LagServiceDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
  }

  /** Starts the monitors of the clusters watched when the app last ran. */
  async start(): Promise<void> {
    for (const cluster of Object.keys(this.#settings().watched)) {
      await this.#watchInHost(cluster).catch((error: unknown) =>
        this.#deps.emit('app:notice', {
          level: 'warning',
          message: `Lag monitoring of "${cluster}" did not start: ${(error as Error).message}`,
        }),
      );
    }
  }

  watchInfo(cluster: string): LagWatchInfo {
    const watch = this.#settings().watched[cluster];
    const defaults = lagWatchSchema.parse({});
    return { cluster, watched: watch !== undefined, ...(watch ?? defaults) };
  }

  watchedClusters(): LagWatchInfo[] {
    return Object.keys(this.#settings().watched).map((cluster) => this.watchInfo(cluster));
  }

  async setWatch(args: { cluster: string; watch: boolean; intervalMs?: number; windowSize?: number }) {
    if (!this.#deps.settings.getCluster(args.cluster)) throw new NotFoundError(`no cluster named "${args.cluster}"`);
    const settings = this.#settings();
    const watched = { ...settings.watched };
    if (args.watch) {
      const parsed = lagWatchSchema.safeParse({
        ...watched[args.cluster],
        ...(args.intervalMs === undefined ? {} : { intervalMs: args.intervalMs }),
        ...(args.windowSize === undefined ? {} : { windowSize: args.windowSize }),
      });
      if (!parsed.success) {
        throw new InvalidInputError(
          'invalid lag monitoring settings',
          parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
        );
      }
      watched[args.cluster] = parsed.data;
    } else delete watched[args.cluster];
    this.#deps.settings.setLagSettings({ ...settings, watched });
    if (args.watch) await this.#watchInHost(args.cluster);
    else if (this.#host && !this.#host.exited) await this.#host.call({ call: 'unwatch', cluster: args.cluster });
    return this.watchInfo(args.cluster);
  }

  /**
   * A profile changed or went away (ClustersService's `changed`, with the old name on a rename): a
   * watched one is watched again with its new settings (TLS, SASL, tunnel); a gone one (deleted or
   * renamed) is no longer watched and its muted groups are forgotten.
   */
  async profileChanged(cluster: string): Promise<void> {
    const settings = this.#settings();
    if (!settings.watched[cluster] && !settings.muted[cluster]) return;
    if (this.#deps.settings.getCluster(cluster)) {
      if (settings.watched[cluster] && this.#host && !this.#host.exited) await this.#watchInHost(cluster);
      return;
    }
    const watched = { ...settings.watched };
    const muted = { ...settings.muted };
    delete watched[cluster];
    delete muted[cluster];
    this.#deps.settings.setLagSettings({ watched, muted });
    if (this.#host && !this.#host.exited) await this.#host.call({ call: 'unwatch', cluster });
  }

  async status(cluster: string): Promise<LagStatusReply> {
    const info = this.watchInfo(cluster);
    const muted = this.#settings().muted[cluster] ?? [];
    const snapshot =
      info.watched && this.#host && !this.#host.exited
        ? await this.#host.call({ call: 'snapshot', cluster })
        : undefined;
    return { ...info, at: snapshot?.at ?? null, groups: snapshot?.groups ?? [], muted };
  }

  async history(cluster: string, group: string, range: HistoryRangeName): Promise<LagHistoryInfo> {
    const to = this.#now();
    const from = to - HISTORY_RANGES[range];
    // A cluster never watched has no history: no need to start the lag host to say so.
    if (!this.watchInfo(cluster).watched && !existsSync(this.#historyDir(cluster))) {
      return { group, from, to, groups: [], partitions: [] };
    }
    const reply = await this.#ensureHost().call({
      call: 'history',
      cluster,
      historyDir: this.#historyDir(cluster),
      group,
      range: { from, to },
    });
    return { group, from, to, ...reply };
  }

  async export(cluster: string, group: string, range: HistoryRangeName): Promise<LagExportReply> {
    const history = await this.history(cluster, group, range);
    const stamp = new Date(history.to).toISOString().replace(/[:.]/g, '-');
    const csv = lagHistoryCsv(cluster, history);
    return { suggestedName: `lag-${cluster}-${group}-${stamp}.csv`, mime: 'text/csv', ...csv };
  }

  mute(cluster: string, group: string, muted: boolean): string[] {
    const settings = this.#settings();
    const current = new Set(settings.muted[cluster] ?? []);
    if (muted) current.add(group);
    else current.delete(group);
    const list = [...current].sort();
    const all = { ...settings.muted };
    if (list.length > 0) all[cluster] = list;
    else delete all[cluster];
    this.#deps.settings.setLagSettings({ ...settings, muted: all });
    return list;
  }

  isMuted(cluster: string, group: string): boolean {
    return (this.#settings().muted[cluster] ?? []).includes(group);
  }

  async close(): Promise<void> {
    this.#closing = true;
    clearInterval(this.#maintainTimer);
    clearTimeout(this.#restartTimer);
    await this.#host?.stop();
  }

  #settings(): LagSettings {
    return this.#deps.settings.lagSettings();
  }

  /** `<data dir>/lag/<cluster>/`, laid out as the CLI's state dir is (`sluice lag check --state-dir`). */
  #historyDir(cluster: string): string {
    return lagHistoryDir(this.#deps.dataDir, cluster);
  }

  async #watchInHost(cluster: string): Promise<void> {
    const watch = this.watchInfo(cluster);
    await this.#ensureHost().call({
      call: 'watch',
      watch: {
        cluster,
        connections: await this.#deps.connections(cluster),
        intervalMs: watch.intervalMs,
        windowSize: watch.windowSize,
        historyDir: this.#historyDir(cluster),
      },
    });
  }

  #ensureHost(): LagHostClient {
    if (this.#host && !this.#host.exited) return this.#host;
    this.#host = new LagHostClient(
      this.#deps.launch,
      (event) => this.#onEvent(event),
      (exit) => {
        if (this.#closing) return;
        this.#deps.emit('app:notice', {
          level: 'warning',
          message: `The lag monitor process ended (code ${exit.code ?? exit.signal}); it is started again.`,
        });
        // The watched clusters come back with their stored windows (seeded from history).
        this.#restartTimer = setTimeout(() => void this.start(), this.#deps.restartDelayMs ?? 2_000);
      },
    );
    clearInterval(this.#maintainTimer);
    this.#maintainTimer = setInterval(() => void this.#maintain(), this.#deps.maintainEveryMs ?? 3_600_000);
    this.#maintainTimer.unref?.();
    return this.#host;
  }

  /** Rolls history up and trims it; a failure reaches the page (a host that ended says so itself). */
  async #maintain(): Promise<void> {
    const host = this.#host;
    if (!host || host.exited) return;
    try {
      await host.call({ call: 'maintain', now: this.#now() });
    } catch (error) {
      if (host.exited || this.#closing) return;
      this.#deps.emit('app:notice', {
        level: 'warning',
        message:
          `Lag history could not be rolled up and trimmed: ${(error as Error).message}. ` +
          'It is tried again in an hour; until then the history keeps growing.',
      });
    }
  }

  #onEvent(event: LagHostEvent): void {
    if (event.kind === 'cycle') {
      this.#failing.delete(event.cluster);
      this.#deps.emit('lag:cycle', { cluster: event.cluster, at: event.at, groups: event.groups });
    } else if (event.kind === 'change') {
      const change = event.change;
      this.#deps.emit('lag:change', { ...change, notify: !this.isMuted(change.cluster, change.groupId) });
    } else if (!this.#failing.has(event.cluster)) {
      this.#failing.add(event.cluster);
      this.#deps.emit('app:notice', {
        level: 'warning',
        message: `Lag monitoring of "${event.cluster}": ${event.message}`,
      });
    }
  }
}
