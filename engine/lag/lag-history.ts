// A cluster's lag history on disk (issue 19): every cycle at full resolution for a day, then
// rolled up into 5-minute buckets kept for `retentionDays`, the directory capped at `maxBytes`
// (oldest files dropped first). Appends are single synced writes of checksummed records, so a
// killed process loses at most the cycle it was writing; open cuts such a torn tail off and says so.
// File format: history-codec.ts; files: history-segments.ts; roll-up: history-rollup.ts.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDirectory } from '../checkpoints/atomic-file.js';
import { partitionKey, type DecodedRecord } from './history-codec.js';
import { lockHistory, type HistoryLock } from './history-lock.js';
import { RollUp, ROLLUP_BUCKET_MS } from './history-rollup.js';
import {
  HOUR_MS,
  hourOf,
  listSegments,
  readable,
  readSegment,
  repairTail,
  rollupName,
  SegmentAppender,
  staleTempFiles,
  writeSegment,
  type SegmentFile,
} from './history-segments.js';
import { WindowCollector, type StoredWindows } from './history-windows.js';
import {
  LAG_DEFAULTS,
  type GroupHistoryPoint,
  type LagCycle,
  type PartitionHistoryPoint,
  type TimeRange,
} from './lag-status.js';

const DAY_MS = 86_400_000;

export const LAG_HISTORY_DEFAULTS = {
  /** Cycles are kept as they were for this long, then rolled up. */
  fullResolutionMs: DAY_MS,
  bucketMs: ROLLUP_BUCKET_MS,
  /** The most a cluster's history may take on disk. */
  maxBytes: 2 * 1024 ** 3,
  /** How far before a group's last cycle commit windows are looked for. */
  windowLookbackMs: DAY_MS,
} as const;

export interface LagHistoryOptions {
  retentionDays?: number;
  maxBytes?: number;
  fullResolutionMs?: number;
  bucketMs?: number;
  /** For readers beside a running writer (`sluice lag check`): no lock, no repair, no writes. */
  readOnly?: boolean;
  /** Told when a damaged record stops a read (the records before it are still read). */
  onProblem?: (message: string) => void;
}

export type { StoredWindows } from './history-windows.js';

export interface MaintainReport {
  /** Hours of raw cycles folded into roll-ups. */
  rolledUpHours: number;
  /** Files removed: past retention, over the size cap, or rolled up. */
  deleted: string[];
  sizeBytes: number;
}

export interface LagHistory {
  readonly dir: string;
  /** What open found wrong and repaired (a torn tail cut off), one line each. */
  readonly repairs: readonly string[];
  append(cycle: LagCycle): Promise<void>;
  groupSeries(groupId: string, range: TimeRange): Promise<GroupHistoryPoint[]>;
  /** Points where a partition changed (offset, log end, status or commit time); each partition
   *  also has a point at the first and the last stored cycle in the range, so a step line spans it. */
  partitionSeries(groupId: string, range: TimeRange): Promise<PartitionHistoryPoint[]>;
  /** A group's last `windowSize` commits per partition, from files back to a day before its last cycle. */
  windows(groupId: string, windowSize: number): Promise<StoredWindows | undefined>;
  /** The same for every group of the latest cycles, in one pass (to seed a monitor after a restart). */
  allWindows(windowSize: number): Promise<Map<string, StoredWindows>>;
  /** The groups of the latest stored cycles. */
  groups(): Promise<string[]>;
  sizeBytes(): Promise<number>;
  maintain(now: number): Promise<MaintainReport>;
  close(): Promise<void>;
}

export async function openLagHistory(dir: string, options: LagHistoryOptions = {}): Promise<LagHistory> {
  const settings = {
    retentionMs: (options.retentionDays ?? LAG_DEFAULTS.retentionDays) * DAY_MS,
    maxBytes: options.maxBytes ?? LAG_HISTORY_DEFAULTS.maxBytes,
    fullResolutionMs: options.fullResolutionMs ?? LAG_HISTORY_DEFAULTS.fullResolutionMs,
    bucketMs: options.bucketMs ?? LAG_HISTORY_DEFAULTS.bucketMs,
    windowLookbackMs: LAG_HISTORY_DEFAULTS.windowLookbackMs,
  };
  if (!(settings.retentionMs > 0)) throw new RangeError(`retentionDays must be > 0, got ${options.retentionDays}`);
  if (!(settings.maxBytes > 0)) throw new RangeError(`maxBytes must be > 0, got ${options.maxBytes}`);
  const onProblem = options.onProblem ?? (() => undefined);
  if (options.readOnly) return new Store(dir, settings, undefined, [], onProblem);
  await mkdir(dir, { recursive: true });
  const lock = await lockHistory(dir);
  try {
    const repairs: string[] = [];
    const raw = (await listSegments(dir)).filter((f) => f.kind === 'raw');
    const newest = raw.at(-1);
    if (newest) {
      const repaired = await repairTail(newest);
      if (repaired) repairs.push(repaired);
    }
    for (const temp of await staleTempFiles(dir)) await rm(temp, { force: true });
    return new Store(dir, settings, lock, repairs, onProblem);
  } catch (error) {
    await lock.release();
    throw error;
  }
}

interface Settings {
  retentionMs: number;
  maxBytes: number;
  fullResolutionMs: number;
  bucketMs: number;
  windowLookbackMs: number;
}

const inRange = (at: number, range: TimeRange) => at >= range.from && at <= range.to;
const covers = (file: SegmentFile, range: TimeRange) =>
  file.firstAt <= range.to && file.hourStart + HOUR_MS > range.from;

class Store implements LagHistory {
  private appender: SegmentAppender | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private bytes: number | undefined;
  /** The newest raw file at the last listing: its last record may be a write in flight. */
  private appending: string | undefined;

  constructor(
    readonly dir: string,
    private readonly settings: Settings,
    private readonly lock: HistoryLock | undefined,
    readonly repairs: readonly string[],
    private readonly onProblem: (message: string) => void,
  ) {}

  append(cycle: LagCycle): Promise<void> {
    return this.serialized(async () => {
      this.writable();
      if (!Number.isSafeInteger(cycle.at) || cycle.at < 0)
        throw new RangeError(`lag history: cycle time must be ms since the epoch, got ${cycle.at}`);
      if (this.appender && this.appender.hourStart !== hourOf(cycle.at)) await this.closeAppender();
      this.appender ??= await SegmentAppender.create(this.dir, cycle.at);
      this.bytes ??= await this.sizeBytes();
      try {
        this.bytes += await this.appender.append(cycle);
      } catch (error) {
        // The segment's encoder counted a cycle the file does not hold: the next cycle starts a new segment.
        await this.closeAppender();
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(
          `lag history ${this.dir}: cycle at ${new Date(cycle.at).toISOString()} not stored: ${message}`,
          {
            cause: error,
          },
        );
      }
      if (this.bytes > this.settings.maxBytes) await this.trim(await listSegments(this.dir));
    });
  }

  async groupSeries(groupId: string, range: TimeRange): Promise<GroupHistoryPoint[]> {
    const points: GroupHistoryPoint[] = [];
    await this.scan(range, groupId, (record) => {
      const group = record.groups.get(groupId);
      if (group && inRange(record.at, range)) points.push(group.point);
    });
    return points;
  }

  async partitionSeries(groupId: string, range: TimeRange): Promise<PartitionHistoryPoint[]> {
    const points: PartitionHistoryPoint[] = [];
    const lastAt = new Map<string, number>();
    let last: { at: number; partitions: PartitionHistoryPoint[] } | undefined;
    await this.scan(range, groupId, (record) => {
      const group = record.groups.get(groupId);
      if (!group || !inRange(record.at, range)) return;
      // The first cycle in range carries every partition's state; later ones what changed.
      const rows = last === undefined ? [...group.partitions.values()] : group.changed;
      for (const row of rows) {
        points.push({ ...row, at: record.at });
        lastAt.set(partitionKey(row.topic, row.partition), record.at);
      }
      last = { at: record.at, partitions: [...group.partitions.values()] };
    });
    if (last) {
      const end = last;
      for (const row of end.partitions)
        if (lastAt.get(partitionKey(row.topic, row.partition))! < end.at) points.push({ ...row, at: end.at });
    }
    return points;
  }

  async windows(groupId: string, windowSize: number): Promise<StoredWindows | undefined> {
    return (await this.collectWindows((id) => id === groupId, windowSize)).get(groupId);
  }

  allWindows(windowSize: number): Promise<Map<string, StoredWindows>> {
    return this.collectWindows(() => true, windowSize);
  }

  async groups(): Promise<string[]> {
    const ids = new Set<string>();
    await this.forEachFile(async (files) => {
      for (const file of [...readable(files)].reverse()) {
        ids.clear();
        await this.read(
          file,
          (id) => (ids.add(id), false),
          () => undefined,
        );
        if (ids.size > 0) return;
      }
    });
    return [...ids].sort();
  }

  async sizeBytes(): Promise<number> {
    return (await listSegments(this.dir)).reduce((sum, f) => sum + f.bytes, 0);
  }

  maintain(now: number): Promise<MaintainReport> {
    return this.serialized(async () => {
      this.writable();
      const deleted: string[] = [];
      const remove = async (file: SegmentFile) => {
        await rm(file.path, { force: true });
        deleted.push(file.name);
      };
      let files = await listSegments(this.dir);
      const current = this.appender?.path;
      const rollBefore = now - this.settings.fullResolutionMs;
      const hours = new Set(
        files
          .filter((f) => f.kind === 'raw' && f.path !== current && f.hourStart + HOUR_MS <= rollBefore)
          .map((f) => f.hourStart),
      );
      for (const hour of hours) {
        // The hour's old roll-up (an interrupted maintain) folds in again: roll-ups are idempotent.
        const inputs = files.filter((f) => f.hourStart === hour && f.path !== current);
        const rollUp = new RollUp(this.settings.bucketMs);
        for (const file of inputs)
          await this.read(
            file,
            () => true,
            (record) => rollUp.add(record),
          );
        await writeSegment(join(this.dir, rollupName(hour)), rollUp.cycles());
        for (const file of inputs) if (file.kind === 'raw') await remove(file);
      }
      files = await listSegments(this.dir);
      for (const file of files)
        if (file.path !== current && file.hourStart + HOUR_MS <= now - this.settings.retentionMs) await remove(file);
      deleted.push(...(await this.trim(await listSegments(this.dir))));
      await syncDirectory(this.dir);
      this.bytes = await this.sizeBytes();
      return { rolledUpHours: hours.size, deleted, sizeBytes: this.bytes };
    });
  }

  close(): Promise<void> {
    return this.serialized(async () => {
      if (this.closed) return;
      this.closed = true;
      await this.closeAppender();
      await this.lock?.release();
    });
  }

  /** Reads files newest first until every window is full, at most a lookback before the newest cycle. */
  private async collectWindows(
    eligible: (groupId: string) => boolean,
    windowSize: number,
  ): Promise<Map<string, StoredWindows>> {
    if (!Number.isInteger(windowSize) || windowSize < 1)
      throw new RangeError(`windowSize must be >= 1, got ${windowSize}`);
    let result = new Map<string, StoredWindows>();
    await this.forEachFile(async (files) => {
      const collector = new WindowCollector(windowSize, eligible);
      for (const file of [...readable(files)].reverse()) {
        const newest = collector.newestAt;
        if (newest !== undefined && file.hourStart + HOUR_MS <= newest - this.settings.windowLookbackMs) break;
        const reader = collector.file();
        await this.read(file, collector.wants, reader.record);
        reader.finish();
        if (collector.done()) break;
      }
      result = collector.result();
    });
    return result;
  }

  /** Drops the oldest files (roll-ups come first) until the directory is under the cap. */
  private async trim(files: SegmentFile[]): Promise<string[]> {
    let total = files.reduce((sum, f) => sum + f.bytes, 0);
    const deleted: string[] = [];
    for (const file of files) {
      if (total <= this.settings.maxBytes) break;
      if (file.path === this.appender?.path) continue;
      await rm(file.path, { force: true });
      total -= file.bytes;
      deleted.push(file.name);
    }
    this.bytes = total;
    return deleted;
  }

  /** Reads the files covering a range, in time order, decoding only one group. */
  private scan(range: TimeRange, groupId: string, visit: (record: DecodedRecord) => void): Promise<void> {
    return this.forEachFile(async (files) => {
      for (const file of readable(files).filter((f) => covers(f, range)))
        await this.read(file, (id) => id === groupId, visit);
    });
  }

  /**
   * Runs a read over the current files; when a file vanishes under it (a roll-up replaced it
   * meanwhile, maybe in another process), lists again and starts over.
   */
  private async forEachFile(read: (files: SegmentFile[]) => Promise<void>, attempts = 3): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const files = await listSegments(this.dir);
        this.appending = files.filter((f) => f.kind === 'raw').at(-1)?.path;
        return await read(files);
      } catch (error) {
        if ((error as { code?: string }).code !== 'ENOENT' || attempt >= attempts) throw error;
      }
    }
  }

  /** Reads a file; what stopped the read early is reported, except a record still being appended. */
  private async read(
    file: SegmentFile,
    wants: (groupId: string) => boolean,
    visit: (record: DecodedRecord) => void,
  ): Promise<void> {
    const { problem } = await readSegment(file.path, wants, visit);
    if (problem === undefined) return;
    if (file.path === this.appending && problem.startsWith('partial record')) return;
    this.onProblem(`lag history ${file.path}: ${problem}; the rest of the file was not read`);
  }

  private writable(): void {
    if (!this.lock) throw new Error(`lag history ${this.dir} is open read-only`);
    if (this.closed) throw new Error(`lag history ${this.dir} is closed`);
  }

  private async closeAppender(): Promise<void> {
    const appender = this.appender;
    this.appender = undefined;
    await appender?.close().catch(() => undefined);
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
