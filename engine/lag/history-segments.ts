// The files of a lag history directory: raw segments (every cycle, appended) and roll-ups (one
// file per hour of 5-minute buckets, written whole and atomically). Names carry the hour they
// cover so a range query opens only the files it needs:
//   raw-<hour start ms>-<first cycle ms>[-n].seg  a run of cycles within one UTC hour
//   rollup-<hour start ms>.seg                    that hour rolled up
import { open, readdir, readFile, rm, stat, truncate, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic, TEMP_SUFFIX } from '../checkpoints/atomic-file.js';
import {
  frame,
  SEGMENT_MAGIC,
  SegmentDecoder,
  SegmentEncoder,
  unframe,
  type DecodedRecord,
  type StoredCycle,
} from './history-codec.js';

export const HOUR_MS = 3_600_000;

export type SegmentKind = 'raw' | 'rollup';

export interface SegmentFile {
  name: string;
  path: string;
  kind: SegmentKind;
  hourStart: number;
  /** The first cycle's time (raw) or the hour start (roll-up). */
  firstAt: number;
  bytes: number;
}

const NAME = /^(raw|rollup)-(\d+)(?:-(\d+))?(?:-(\d+))?\.seg$/;
export const hourOf = (at: number): number => Math.floor(at / HOUR_MS) * HOUR_MS;
export const rawName = (firstAt: number, n = 0): string =>
  `raw-${hourOf(firstAt)}-${firstAt}${n > 0 ? `-${n}` : ''}.seg`;
export const rollupName = (hourStart: number): string => `rollup-${hourStart}.seg`;

/** The directory's segments, oldest first (a roll-up before the raw files of its hour). */
export async function listSegments(dir: string): Promise<SegmentFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return [];
    throw error;
  }
  const files: SegmentFile[] = [];
  for (const name of names) {
    const match = NAME.exec(name);
    if (!match) continue;
    const kind = match[1] as SegmentKind;
    const hourStart = Number(match[2]);
    const path = join(dir, name);
    const bytes = await stat(path).then(
      (s) => s.size,
      () => -1,
    );
    if (bytes < 0) continue; // deleted while listing (a roll-up replaced it)
    files.push({ name, path, kind, hourStart, firstAt: kind === 'raw' ? Number(match[3]) : hourStart, bytes });
  }
  return files.sort(
    (a, b) =>
      a.hourStart - b.hourStart ||
      (a.kind === b.kind ? 0 : a.kind === 'rollup' ? -1 : 1) ||
      a.firstAt - b.firstAt ||
      a.name.localeCompare(b.name, 'en', { numeric: true }),
  );
}

/** Temp files a killed atomic write left behind. */
export async function staleTempFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((name) => name.startsWith('.') && name.endsWith(TEMP_SUFFIX)).map((name) => join(dir, name));
}

/** For each hour that still has raw files, the roll-up of that hour is not read (raw is finer). */
export function readable(files: readonly SegmentFile[]): SegmentFile[] {
  const rawHours = new Set(files.filter((f) => f.kind === 'raw').map((f) => f.hourStart));
  return files.filter((f) => f.kind === 'raw' || !rawHours.has(f.hourStart));
}

export interface SegmentRead {
  /** Intact records read. */
  records: number;
  /** What was wrong past the last intact record, when anything was. */
  problem?: string;
}

/**
 * Decodes a segment's intact records in order, handing each to `visit` as it is decoded (a
 * record's partition maps change with the next one). A torn or damaged tail ends the read and is
 * reported, never thrown.
 */
export async function readSegment(
  path: string,
  wants: (groupId: string) => boolean,
  visit: (record: DecodedRecord) => void,
): Promise<SegmentRead> {
  const { payloads, problem } = unframe(await readFile(path));
  const decoder = new SegmentDecoder(wants);
  let records = 0;
  for (const payload of payloads) {
    let record: DecodedRecord;
    try {
      record = decoder.decode(payload);
    } catch (error) {
      return { records, problem: `record ${records + 1}: ${(error as Error).message}` };
    }
    visit(record);
    records++;
    // Rolling up an hour of 2,000 groups decodes for seconds: let the monitor's cycle in between.
    if (records % 8 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return problem === undefined ? { records } : { records, problem };
}

/** Cuts a raw segment after its last intact record; returns what was cut, if anything. */
export async function repairTail(file: SegmentFile): Promise<string | undefined> {
  const { validBytes, problem } = unframe(await readFile(file.path));
  if (problem === undefined) return undefined;
  if (validBytes < SEGMENT_MAGIC.length) {
    await rm(file.path, { force: true });
    return `${file.name}: ${problem}; removed`;
  }
  await truncate(file.path, validBytes);
  return `${file.name}: ${problem}; cut ${file.bytes - validBytes} bytes after the last complete cycle`;
}

/** A raw segment being appended to; every record is written and synced before append resolves. */
export class SegmentAppender {
  private readonly encoder = new SegmentEncoder();
  private constructor(
    readonly path: string,
    readonly hourStart: number,
    private readonly handle: FileHandle,
    public bytes: number,
  ) {}

  static async create(dir: string, firstAt: number): Promise<SegmentAppender> {
    let path = join(dir, rawName(firstAt));
    let handle: FileHandle | undefined;
    for (let n = 1; !handle; n++) {
      try {
        handle = await open(path, 'wx', 0o644);
      } catch (error) {
        // A segment starting at the same millisecond (a restart within it): the next free name.
        if ((error as { code?: string }).code !== 'EEXIST' || n > 100) throw error;
        path = join(dir, rawName(firstAt, n));
      }
    }
    await handle.write(SEGMENT_MAGIC);
    await handle.sync();
    return new SegmentAppender(path, hourOf(firstAt), handle, SEGMENT_MAGIC.length);
  }

  /** Appends one cycle in a single write; returns the bytes written. */
  async append(cycle: StoredCycle): Promise<number> {
    const record = frame(this.encoder.encode(cycle));
    try {
      await this.handle.write(record);
      await this.handle.datasync();
    } catch (error) {
      // The encoder already counts this cycle as written: the store drops this appender and starts
      // a new segment. Cutting the partial record keeps this one readable to its end.
      await this.handle.truncate(this.bytes).catch(() => undefined);
      throw error;
    }
    this.bytes += record.length;
    return record.length;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/** Writes a whole segment (a roll-up) atomically: readers see the old file or the complete new one. */
export async function writeSegment(path: string, cycles: readonly StoredCycle[]): Promise<number> {
  const encoder = new SegmentEncoder();
  const parts: Buffer[] = [SEGMENT_MAGIC];
  for (const cycle of cycles) parts.push(frame(encoder.encode(cycle)));
  return writeFileAtomic(path, Buffer.concat(parts));
}
