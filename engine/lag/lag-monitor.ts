// The lag monitor of one cluster (issue 19): every interval it reads every group's committed offsets
// (readGroupFacts: ListGroups, then one OffsetFetch per group, 16 at a time, to its coordinator,
// remembered between cycles) and the log ends of their partitions (one ListOffsets per leader broker
// for all topics), keeps a window of the last N commits
// per partition (commit events from __consumer_offsets, else polled), evaluates them with Burrow's
// rules (evaluate.ts), adds time lag, and emits a LagCycle and the groups' LevelChanges.
import { EventEmitter } from 'node:events';
import type { Admin, Kafka } from 'kafkajs';
import { committedTopics, type GroupFacts } from '../groups/groups-overview.js';
import { readGroupFacts } from '../groups/groups-overview-read.js';
import { silentLogger, type Logger } from '../job/logger.js';
import { tpKey, type TopicPartitionMap } from '../offsets/topic-partition.js';
import { CommitLogTail } from './commit-log-tail.js';
import { CommitWindows, LogEndTrack } from './commit-windows.js';
import { evaluateGroup, evaluatePartition } from './evaluate.js';
import { LagCluster } from './lag-cluster.js';
import {
  LAG_DEFAULTS,
  type CommitSource,
  type GroupEvaluation,
  type LagCycle,
  type LagLevel,
  type LevelChange,
  type PartitionWindow,
} from './lag-status.js';
import { levelChanges } from './level-changes.js';
import { TIME_LAG_DEFAULTS, TimeLagReader, type TimeLagOptions } from './time-lag.js';

export interface LagMonitorOptions {
  /** The cluster profile's name, carried in cycles and changes. */
  cluster: string;
  /** A client from newKafkaClient (the profile's TLS, SASL, SSH tunnel). */
  kafka: Kafka;
  intervalMs?: number;
  /** Commits per partition window. */
  windowSize?: number;
  /** Only these groups; default every group of the cluster. */
  groups?: readonly string[];
  /** Called with every cycle before its events (the history store appends here); awaited. */
  onCycle?: (cycle: LagCycle) => Promise<void> | void;
  log?: Logger;
  /** 'auto' reads commit events from __consumer_offsets and polls where it cannot; 'polled' only polls. */
  commitSource?: 'auto' | 'polled';
  /** One commit per partition is kept per this many ms, the newest (Burrow's min-distance); default the interval. */
  minCommitDistanceMs?: number;
  /** __consumer_offsets records per partition read back at the start. */
  lookbackRecords?: number;
  timeLag?: Partial<TimeLagOptions>;
  /** Groups whose offsets are fetched at once. */
  concurrency?: number;
}

export const MONITOR_DEFAULTS = { lookbackRecords: 2_000, concurrency: 16 } as const;

type Events = { cycle: [LagCycle]; change: [LevelChange]; error: [Error] };

export interface LagMonitor {
  start(): void;
  stop(): Promise<void>;
  runCycle(): Promise<LagCycle>;
  seed(groupId: string, windows: PartitionWindow[]): void;
  on<E extends keyof Events>(event: E, listener: (...args: Events[E]) => void): LagMonitor;
  off<E extends keyof Events>(event: E, listener: (...args: Events[E]) => void): LagMonitor;
  /** Where commits come from now (it may turn 'polled' when __consumer_offsets turns out unreadable). */
  readonly commitSource: CommitSource;
}

interface PendingCommit {
  groupId: string;
  topic: string;
  partition: number;
  offset: number;
  at: number;
}

export function createLagMonitor(options: LagMonitorOptions): LagMonitor {
  return new Monitor(options);
}

class Monitor extends EventEmitter implements LagMonitor {
  private readonly intervalMs: number;
  private readonly windowSize: number;
  private readonly minDistanceMs: number;
  private readonly log: Logger;
  private readonly windows: CommitWindows;
  private readonly ends = new LogEndTrack();
  private readonly only: ReadonlySet<string> | undefined;
  private levels = new Map<string, LagLevel>();
  private pending = new Map<string, PendingCommit>();
  private connecting: Promise<void> | undefined;
  private admin: Admin | undefined;
  private cluster: LagCluster | undefined;
  private tail: CommitLogTail | undefined;
  private tailCluster: LagCluster | undefined;
  private tailRequestsCounted = 0;
  private adminRequests = 0;
  private timeLag: TimeLagReader | undefined;
  private source: CommitSource;
  private sourceNote: string | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(private readonly options: LagMonitorOptions) {
    super();
    this.intervalMs = options.intervalMs ?? LAG_DEFAULTS.intervalMs;
    this.windowSize = options.windowSize ?? LAG_DEFAULTS.windowSize;
    this.log = options.log ?? silentLogger;
    this.only = options.groups && options.groups.length > 0 ? new Set(options.groups) : undefined;
    this.minDistanceMs = Math.max(1, options.minCommitDistanceMs ?? this.intervalMs);
    this.windows = new CommitWindows({ windowSize: this.windowSize, minDistanceMs: this.minDistanceMs });
    this.source = options.commitSource === 'polled' ? 'polled' : 'commit-log';
    if (this.source === 'polled') this.sourceNote = 'commit events not read (commitSource: polled)';
  }

  get commitSource(): CommitSource {
    return this.source;
  }

  seed(groupId: string, windows: PartitionWindow[]): void {
    this.windows.seed(groupId, windows);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const tick = async (): Promise<void> => {
      const started = Date.now();
      try {
        await this.runCycle();
      } catch (error) {
        if (this.listenerCount('error') > 0) this.emit('error', error as Error);
        else this.log.error('lag monitor: cycle failed', { error: (error as Error).message });
      }
      if (!this.running) return;
      // The next cycle starts one interval after this one started (at once when a cycle ran longer).
      this.timer = setTimeout(() => void tick(), Math.max(0, started + this.intervalMs - Date.now()));
    };
    void tick();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.chain.catch(() => undefined);
    await this.connecting?.catch(() => undefined);
    await this.tail?.stop().catch(() => undefined);
    await this.cluster?.close();
    await this.admin?.disconnect().catch(() => undefined);
    this.connecting = undefined;
  }

  /** One cycle now (cycles never overlap: a call waits for the one running). */
  runCycle(): Promise<LagCycle> {
    const next = this.chain.then(() => this.cycle());
    this.chain = next.catch(() => undefined);
    return next;
  }

  private connect(): Promise<void> {
    this.connecting ??= (async () => {
      const admin = this.options.kafka.admin();
      admin.on(admin.events.REQUEST, () => void this.adminRequests++);
      await admin.connect();
      this.admin = admin;
      this.cluster = new LagCluster(this.options.kafka);
      await this.cluster.connect();
      this.timeLag = new TimeLagReader(this.cluster, { ...TIME_LAG_DEFAULTS, ...this.options.timeLag });
      if (this.source === 'commit-log') await this.startTail();
    })();
    return this.connecting;
  }

  private async startTail(): Promise<void> {
    this.tailCluster = new LagCluster(this.options.kafka);
    this.tail = new CommitLogTail(this.tailCluster, {
      lookbackRecords: this.options.lookbackRecords ?? MONITOR_DEFAULTS.lookbackRecords,
      pollWaitMs: 500,
      partitionBytes: 256 * 1024,
      log: this.log,
      onCommit: (c) => {
        if (this.only && !this.only.has(c.groupId)) return;
        // The windows keep one commit per bucket (the newest), so the pending ones are kept so too:
        // bounded by partitions and buckets however often groups commit or cycles fail.
        const bucket = Math.floor(c.commitTimestamp / this.minDistanceMs);
        const key = `${c.groupId}\u0000${tpKey(c.topic, c.partition)}\u0000${bucket}`;
        const known = this.pending.get(key);
        if (!known || known.at <= c.commitTimestamp) this.pending.set(key, { ...c, at: c.commitTimestamp });
      },
      onUnreadable: (reason) => {
        this.source = 'polled';
        this.sourceNote = `${reason}; commits are polled each cycle (STALL shows as STOP)`;
        this.log.warn(`lag monitor: ${this.sourceNote}`);
      },
    });
    await this.tail.start();
  }

  private async cycle(): Promise<LagCycle> {
    const cpuBefore = process.cpuUsage();
    const started = Date.now();
    await this.connect();
    const cluster = this.cluster!;
    const requestsBefore = cluster.requests + this.adminRequests;
    const facts = await readGroupFacts(this.admin!, {
      concurrency: this.options.concurrency ?? MONITOR_DEFAULTS.concurrency,
      describe: false,
      fetchOffsets: (groupId) => cluster.groupOffsets(groupId),
      ...(this.only ? { groupIds: [...this.only] } : {}),
    });
    cluster.retainCoordinators(new Set(facts.map((g) => g.groupId)));
    const existing = new Set(await this.admin!.listTopics());
    // The topics of commit events not yet applied too: a commit OffsetFetch has not shown yet needs
    // its log end (not knowing it would read as "no lag at that commit").
    const pendingTopics = [...this.pending.values()].map((c) => c.topic);
    const topics = [...new Set([...committedTopics(facts), ...pendingTopics])].filter((t) => existing.has(t)).sort();
    await cluster.load(topics);
    let ends: TopicPartitionMap<number>;
    try {
      ends = await cluster.logEnds(topics);
    } catch {
      await cluster.load(topics, true); // a leader moved: once more with fresh metadata
      ends = await cluster.logEnds(topics);
    }
    const at = Date.now();
    for (const [tp, end] of ends.entries()) this.ends.record(tp, at, end);
    this.applyPending(ends);
    const groups = await this.evaluate(facts, ends, at);
    const tailRequests = this.tailCluster?.requests ?? 0;
    const requests = cluster.requests + this.adminRequests - requestsBefore + tailRequests - this.tailRequestsCounted;
    this.tailRequestsCounted = tailRequests;
    const cpu = process.cpuUsage(cpuBefore);
    const result: LagCycle = {
      cluster: this.options.cluster,
      at,
      groups,
      cost: {
        requests,
        durationMs: Date.now() - started,
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
        heapUsedBytes: process.memoryUsage().heapUsed,
      },
      commitSource: this.source,
      ...(this.sourceNote === undefined ? {} : { commitSourceNote: this.sourceNote }),
    };
    const changes = levelChanges(this.options.cluster, this.levels, groups, at);
    this.levels = new Map(groups.map((g) => [g.groupId, g.level]));
    await this.options.onCycle?.(result);
    this.emit('cycle', result);
    for (const change of changes) this.emit('change', change);
    return result;
  }

  /**
   * Commit events read since the last cycle, into the windows, each with the log end at its time. A
   * commit from before the first reading of its partition waits for the second (the records behind
   * then are extrapolated, not the log end of later taken as then's); one of a topic gone is dropped.
   */
  private applyPending(ends: TopicPartitionMap<number>): void {
    const pending = [...this.pending].sort(([, a], [, b]) => a.at - b.at);
    this.pending = new Map();
    for (const [key, c] of pending) {
      const end = this.ends.estimate(c, c.at);
      if (end === undefined) {
        if (ends.has(c)) this.pending.set(key, c);
        continue;
      }
      this.windows.addEvent(c.groupId, c, { offset: c.offset, at: c.at, lag: Math.max(0, end - c.offset) });
    }
  }

  private async evaluate(
    facts: readonly GroupFacts[],
    ends: TopicPartitionMap<number>,
    at: number,
  ): Promise<GroupEvaluation[]> {
    this.windows.retainGroups(new Set(facts.map((g) => g.groupId)));
    const windows = new Map<string, PartitionWindow[]>();
    const behind: { topic: string; partition: number; offset: number }[] = [];
    for (const group of facts) {
      const list: PartitionWindow[] = [];
      const kept = new Set<string>();
      for (const [tp, committed] of group.committed.entries()) {
        const logEnd = ends.get(tp);
        if (logEnd === undefined) continue; // topic deleted: no lag to judge
        kept.add(tpKey(tp.topic, tp.partition));
        this.windows.addPolled(
          group.groupId,
          tp,
          {
            offset: committed.offset,
            at,
            lag: Math.max(0, logEnd - committed.offset),
          },
          this.source === 'polled',
        );
        const commits = this.windows.commits(group.groupId, tp);
        list.push({ ...tp, commits, logEnd });
        // The time lag is read at the offset the evaluation stands on: the window's last commit, which
        // the commit log may have moved past (or not yet up to) the offset just polled.
        const offset = commits.at(-1)?.offset;
        if (offset !== undefined && logEnd > offset) behind.push({ ...tp, offset });
      }
      this.windows.retain(group.groupId, kept);
      windows.set(group.groupId, list);
    }
    const stamps = await this.timeLag!.timestamps(behind).catch((error: Error) => {
      this.log.warn('lag monitor: time lag not read', { error: error.message });
      return new Map<string, number>();
    });
    const evaluateOptions = { now: at, windowSize: this.windowSize };
    return facts
      .map((group) =>
        evaluateGroup(
          group.groupId,
          (windows.get(group.groupId) ?? []).map((w) => {
            const offset = w.commits.at(-1)?.offset;
            const stamp = offset === undefined ? undefined : stamps.get(TimeLagReader.key({ ...w, offset }));
            return evaluatePartition(w, evaluateOptions, stamp === undefined ? null : Math.max(0, at - stamp));
          }),
        ),
      )
      .sort((a, b) => a.groupId.localeCompare(b.groupId));
  }
}
