// The lag history's record format. A segment file is a header and a run of records, one per cycle
// (raw segments) or per roll-up bucket. Each record is framed as
//   u32 LE length | u32 LE CRC-32 of the payload | payload
// so a torn tail (a killed process) is found and cut off on open. A payload holds the cycle's time,
// the strings it defines, and its groups in chunks of 64, each chunk raw-deflated. Inside a segment, records are
// deltas: strings (group ids, topics) are defined once, a partition row is written only when its
// offset, log end, status or commit time changed, and numbers are stored as differences from the
// partition's previous row. The first record of a segment therefore holds every partition (a
// keyframe) and a segment is read on its own, from its start.
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { ByteFormatError, ByteReader, ByteWriter } from './history-bytes.js';
import {
  levelOf,
  PARTITION_STATUSES,
  type GroupHistoryPoint,
  type PartitionHistoryPoint,
  type PartitionStatus,
} from './lag-status.js';

export const SEGMENT_MAGIC = Buffer.from('SLH\u0001', 'latin1');
/** Groups per compressed chunk of a record (2,000 groups: 32 chunks of some 8 KiB). */
const CHUNK_GROUPS = 64;
export const FRAME_HEADER_BYTES = 8;
/** No record is this large (2,000 groups of 10 partitions take some 110 KiB). */
const MAX_RECORD_BYTES = 256 * 1024 * 1024;

/** A partition as stored: its history point without the time (the record has it). */
export type StoredPartition = Omit<PartitionHistoryPoint, 'at'>;

/** A group as stored; a GroupEvaluation fits. */
export interface StoredGroup {
  groupId: string;
  status: PartitionStatus;
  totalLag: number;
  maxTimeLagMs: number | null;
  partitions: readonly StoredPartition[];
}

/** One record: a cycle, or a roll-up bucket; a LagCycle fits. */
export interface StoredCycle {
  at: number;
  groups: readonly StoredGroup[];
}

/** A group as decoded from one record: its point, the partition rows that changed, and its state after. */
export interface DecodedGroup {
  point: GroupHistoryPoint;
  changed: PartitionHistoryPoint[];
  /** Every partition's latest row after this record (not just changed ones), keyed by `partitionKey`.
   *  The decoder's own map: read it before decoding the next record. */
  partitions: ReadonlyMap<string, PartitionHistoryPoint>;
}

export interface DecodedRecord {
  at: number;
  /** Only the groups the decoder was asked for. */
  groups: Map<string, DecodedGroup>;
}

const STATUS_BITS = 0b111;
const OFFSET_NULL = 0b1000;
const TIME_LAG_NULL = 0b1_0000;
const COMMIT_NULL = 0b10_0000;

const derivedLag = (offset: number | null, logEnd: number) => (offset === null ? 0 : Math.max(0, logEnd - offset));
const statusCode = (status: PartitionStatus) => {
  const code = PARTITION_STATUSES.indexOf(status);
  if (code < 0) throw new RangeError(`unknown partition status ${String(status)}`);
  return code;
};
export const partitionKey = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

function changedSince(prev: StoredPartition | undefined, next: StoredPartition): boolean {
  return (
    prev === undefined ||
    prev.status !== next.status ||
    prev.offset !== next.offset ||
    prev.logEnd !== next.logEnd ||
    prev.lastCommitAt !== next.lastCommitAt
  );
}

interface GroupState<P> {
  totalLag: number;
  maxTimeLagMs: number | null;
  partitions: Map<string, P>;
}

/** Writes the records of one segment; keeps what the previous records said to write only changes. */
export class SegmentEncoder {
  private readonly strings = new Map<string, number>();
  private readonly groups = new Map<string, GroupState<StoredPartition>>();
  private lastAt = 0;

  /** The record's payload, not yet framed. */
  encode(cycle: StoredCycle): Buffer {
    const newStrings: string[] = [];
    const id = (text: string) => {
      let index = this.strings.get(text);
      if (index === undefined) {
        index = this.strings.size;
        this.strings.set(text, index);
        newStrings.push(text);
      }
      return index;
    };
    // Group blocks are compressed in chunks, the chunk's group ids in front in the clear: a reader
    // of one group inflates one chunk of a record, not the whole cycle.
    const chunks: { ids: number[]; compressed: Buffer }[] = [];
    for (let first = 0; first < cycle.groups.length; first += CHUNK_GROUPS) {
      const ids: number[] = [];
      const blocks = new ByteWriter();
      for (const group of cycle.groups.slice(first, first + CHUNK_GROUPS)) {
        ids.push(id(group.groupId));
        const block = this.encodeGroup(group, id);
        blocks.uvarint(block.length);
        blocks.bytes(block);
      }
      chunks.push({ ids, compressed: deflateRawSync(blocks.finish()) });
    }
    const out = new ByteWriter();
    out.svarint(cycle.at - this.lastAt);
    this.lastAt = cycle.at;
    out.uvarint(newStrings.length);
    for (const text of newStrings) out.string(text);
    out.uvarint(chunks.length);
    for (const chunk of chunks) {
      out.uvarint(chunk.ids.length);
      for (const index of chunk.ids) out.uvarint(index);
      out.uvarint(chunk.compressed.length);
      out.bytes(chunk.compressed);
    }
    return out.finish();
  }

  private encodeGroup(group: StoredGroup, id: (text: string) => number): Buffer {
    let state = this.groups.get(group.groupId);
    if (!state) {
      state = { totalLag: 0, maxTimeLagMs: null, partitions: new Map() };
      this.groups.set(group.groupId, state);
    }
    const w = new ByteWriter();
    w.byte(statusCode(group.status) | (group.maxTimeLagMs === null ? TIME_LAG_NULL : 0));
    w.svarint(group.totalLag - state.totalLag);
    if (group.maxTimeLagMs !== null) w.svarint(group.maxTimeLagMs - (state.maxTimeLagMs ?? 0));
    state.totalLag = group.totalLag;
    if (group.maxTimeLagMs !== null) state.maxTimeLagMs = group.maxTimeLagMs;

    const seen = new Set<string>();
    const changed: StoredPartition[] = [];
    for (const p of group.partitions) {
      const key = partitionKey(p.topic, p.partition);
      seen.add(key);
      if (changedSince(state.partitions.get(key), p)) changed.push(p);
    }
    w.uvarint(changed.length);
    for (const p of changed) {
      const key = partitionKey(p.topic, p.partition);
      const prev = state.partitions.get(key);
      w.uvarint(id(p.topic));
      w.uvarint(p.partition);
      w.byte(
        statusCode(p.status) |
          (p.offset === null ? OFFSET_NULL : 0) |
          (p.timeLagMs === null ? TIME_LAG_NULL : 0) |
          (p.lastCommitAt === null ? COMMIT_NULL : 0),
      );
      if (p.offset !== null) w.svarint(p.offset - (prev?.offset ?? 0));
      w.svarint(p.logEnd - (prev?.logEnd ?? 0));
      w.svarint(p.lag - derivedLag(p.offset, p.logEnd));
      if (p.timeLagMs !== null) w.svarint(p.timeLagMs - (prev?.timeLagMs ?? 0));
      if (p.lastCommitAt !== null) w.svarint(p.lastCommitAt - (prev?.lastCommitAt ?? 0));
      state.partitions.set(key, { ...p });
    }
    const removed = [...state.partitions.entries()].filter(([key]) => !seen.has(key));
    w.uvarint(removed.length);
    for (const [key, p] of removed) {
      w.uvarint(id(p.topic));
      w.uvarint(p.partition);
      state.partitions.delete(key);
    }
    return w.finish();
  }
}

/**
 * Reads the records of one segment in order. `wants` picks the groups to decode; the blocks of
 * the others are skipped by their length (a chart of one group does not parse 2,000).
 */
export class SegmentDecoder {
  private readonly strings: string[] = [];
  private readonly groups = new Map<string, GroupState<PartitionHistoryPoint>>();
  private lastAt = 0;

  constructor(private readonly wants: (groupId: string) => boolean = () => true) {}

  decode(payload: Uint8Array): DecodedRecord {
    const r = new ByteReader(payload);
    const at = this.lastAt + r.svarint();
    this.lastAt = at;
    const newStrings = r.uvarint();
    for (let i = 0; i < newStrings; i++) this.strings.push(r.string());
    const groups = new Map<string, DecodedGroup>();
    const chunks = r.uvarint();
    for (let c = 0; c < chunks; c++) {
      const ids: string[] = [];
      const count = r.uvarint();
      for (let g = 0; g < count; g++) ids.push(this.string(r.uvarint()));
      const compressed = r.bytes(r.uvarint());
      if (!ids.some((groupId) => this.wants(groupId))) continue;
      const blocks = new ByteReader(inflateChunk(compressed));
      for (const groupId of ids) {
        const length = blocks.uvarint();
        if (!this.wants(groupId)) {
          blocks.skip(length);
          continue;
        }
        const block = new ByteReader(blocks.bytes(length));
        groups.set(groupId, this.decodeGroup(groupId, at, block));
        if (!block.done) throw new ByteFormatError(`group ${groupId}: ${length - block.position} bytes left over`);
      }
      if (!blocks.done) throw new ByteFormatError(`record at ${at}: bytes left over in chunk ${c + 1}`);
    }
    if (!r.done) throw new ByteFormatError(`record at ${at}: bytes left over`);
    return { at, groups };
  }

  private decodeGroup(groupId: string, at: number, r: ByteReader): DecodedGroup {
    let state = this.groups.get(groupId);
    if (!state) {
      state = { totalLag: 0, maxTimeLagMs: null, partitions: new Map() };
      this.groups.set(groupId, state);
    }
    const flags = r.byte();
    const status = statusOf(flags);
    state.totalLag += r.svarint();
    const maxTimeLagMs = flags & TIME_LAG_NULL ? null : (state.maxTimeLagMs ?? 0) + r.svarint();
    if (maxTimeLagMs !== null) state.maxTimeLagMs = maxTimeLagMs;
    const point: GroupHistoryPoint = { at, status, level: levelOf(status), totalLag: state.totalLag, maxTimeLagMs };

    const changed: PartitionHistoryPoint[] = [];
    const rows = r.uvarint();
    for (let i = 0; i < rows; i++) {
      const topic = this.string(r.uvarint());
      const partition = r.uvarint();
      const key = partitionKey(topic, partition);
      const prev = state.partitions.get(key);
      const f = r.byte();
      const offset = f & OFFSET_NULL ? null : (prev?.offset ?? 0) + r.svarint();
      const logEnd = (prev?.logEnd ?? 0) + r.svarint();
      const lag = derivedLag(offset, logEnd) + r.svarint();
      const timeLagMs = f & TIME_LAG_NULL ? null : (prev?.timeLagMs ?? 0) + r.svarint();
      const lastCommitAt = f & COMMIT_NULL ? null : (prev?.lastCommitAt ?? 0) + r.svarint();
      const row: PartitionHistoryPoint = {
        at,
        topic,
        partition,
        status: statusOf(f),
        lag,
        timeLagMs,
        offset,
        lastCommitAt,
        logEnd,
      };
      state.partitions.set(key, row);
      changed.push(row);
    }
    const removed = r.uvarint();
    for (let i = 0; i < removed; i++) {
      const topic = this.string(r.uvarint());
      state.partitions.delete(partitionKey(topic, r.uvarint()));
    }
    return { point, changed, partitions: state.partitions };
  }

  private string(index: number): string {
    const text = this.strings[index];
    if (text === undefined) throw new ByteFormatError(`string ${index} is not defined`);
    return text;
  }
}

function inflateChunk(compressed: Uint8Array): Buffer {
  try {
    return inflateRawSync(compressed);
  } catch (error) {
    throw new ByteFormatError(`a chunk does not inflate: ${(error as Error).message}`);
  }
}

function statusOf(flags: number): PartitionStatus {
  const status = PARTITION_STATUSES[flags & STATUS_BITS];
  if (!status) throw new ByteFormatError(`status code ${flags & STATUS_BITS} is unknown`);
  return status;
}

/** A payload framed with its length and checksum. */
export function frame(payload: Uint8Array): Buffer {
  const header = Buffer.allocUnsafe(FRAME_HEADER_BYTES);
  header.writeUInt32LE(payload.length, 0);
  header.writeUInt32LE(crc32(payload), 4);
  return Buffer.concat([header, payload]);
}

export interface Unframed {
  /** The payloads of the complete, intact records, in order. */
  payloads: Uint8Array[];
  /** Bytes up to the end of the last intact record (the whole file when nothing is torn). */
  validBytes: number;
  /** Why the bytes after `validBytes` were not read, when there are any. */
  problem?: string;
}

/** Splits a segment file into record payloads, stopping at the first torn or damaged record. */
export function unframe(file: Uint8Array): Unframed {
  const payloads: Uint8Array[] = [];
  if (file.length < SEGMENT_MAGIC.length || !SEGMENT_MAGIC.equals(file.subarray(0, SEGMENT_MAGIC.length)))
    return { payloads, validBytes: 0, problem: file.length === 0 ? 'empty file' : 'not a lag history segment' };
  const view = Buffer.from(file.buffer, file.byteOffset, file.length);
  let position = SEGMENT_MAGIC.length;
  while (position < file.length) {
    if (file.length - position < FRAME_HEADER_BYTES)
      return { payloads, validBytes: position, problem: `partial record header at byte ${position}` };
    const length = view.readUInt32LE(position);
    const checksum = view.readUInt32LE(position + 4);
    const start = position + FRAME_HEADER_BYTES;
    if (length === 0 || length > MAX_RECORD_BYTES)
      return { payloads, validBytes: position, problem: `record length ${length} at byte ${position} is invalid` };
    if (start + length > file.length)
      return {
        payloads,
        validBytes: position,
        problem: `partial record at byte ${position}: ${file.length - start} of ${length} bytes`,
      };
    const payload = file.subarray(start, start + length);
    if (crc32(payload) !== checksum)
      return { payloads, validBytes: position, problem: `record at byte ${position} fails its checksum` };
    payloads.push(payload);
    position = start + length;
  }
  return { payloads, validBytes: position };
}
