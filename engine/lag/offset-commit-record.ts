// Offset commits as the group coordinator writes them to __consumer_offsets (what Burrow reads).
// Key: int16 version, then for versions 0 and 1 (OffsetCommitKey) group, topic (int16-length strings)
// and partition (int32). Version 2 is group metadata; Kafka 4's coordinator writes further record
// types (3 and up: consumer/share/streams group records) which are not commits; all are skipped.
// Value: int16 version, then
//   v0: offset int64, metadata string, commit_timestamp int64
//   v1: offset int64, metadata string, commit_timestamp int64, expire_timestamp int64
//   v2: offset int64, metadata string, commit_timestamp int64
//   v3: offset int64, leader_epoch int32, metadata string, commit_timestamp int64
//   v4: like v3 with a compact (varint) metadata string and tagged fields (flexible version)
// A null value is a tombstone: the committed offset was deleted (group deleted or offsets expired).

export interface OffsetCommitRecord {
  groupId: string;
  topic: string;
  partition: number;
  /** The committed offset, or null for a tombstone. */
  offset: number | null;
  /** The commit time the coordinator stored (ms since the epoch); null for a tombstone. */
  commitTimestamp: number | null;
}

export class OffsetCommitDecodeError extends Error {}

/** The commit a __consumer_offsets record holds, or null when the record is something else. */
export function decodeOffsetCommit(key: Buffer | null, value: Buffer | null): OffsetCommitRecord | null {
  if (!key || key.length < 2) return null;
  const keyVersion = key.readInt16BE(0);
  if (keyVersion !== 0 && keyVersion !== 1) return null;
  const k = new Reader(key, 2);
  const groupId = k.string();
  const topic = k.string();
  const partition = k.int32();
  if (!value) return { groupId, topic, partition, offset: null, commitTimestamp: null };
  const v = new Reader(value, 0);
  const valueVersion = v.int16();
  if (valueVersion < 0 || valueVersion > 4) {
    throw new OffsetCommitDecodeError(
      `__consumer_offsets: offset commit of group "${groupId}" ${topic}[${partition}] has value version ${valueVersion} (known: 0..4)`,
    );
  }
  const offset = v.int64();
  if (valueVersion >= 3) v.int32(); // leader epoch
  if (valueVersion === 4) v.compactString();
  else v.string();
  const commitTimestamp = v.int64();
  return { groupId, topic, partition, offset, commitTimestamp };
}

class Reader {
  constructor(
    private readonly buffer: Buffer,
    private at: number,
  ) {}

  private need(bytes: number): void {
    if (this.at + bytes > this.buffer.length) {
      throw new OffsetCommitDecodeError(`__consumer_offsets record truncated at byte ${this.at} (needs ${bytes} more)`);
    }
  }

  int16(): number {
    this.need(2);
    const n = this.buffer.readInt16BE(this.at);
    this.at += 2;
    return n;
  }

  int32(): number {
    this.need(4);
    const n = this.buffer.readInt32BE(this.at);
    this.at += 4;
    return n;
  }

  int64(): number {
    this.need(8);
    const n = Number(this.buffer.readBigInt64BE(this.at));
    this.at += 8;
    return n;
  }

  string(): string {
    const length = this.int16();
    if (length < 0) return '';
    return this.text(length);
  }

  compactString(): string {
    const length = this.unsignedVarint() - 1;
    if (length < 0) return '';
    return this.text(length);
  }

  private text(length: number): string {
    this.need(length);
    const s = this.buffer.toString('utf8', this.at, this.at + length);
    this.at += length;
    return s;
  }

  private unsignedVarint(): number {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      this.need(1);
      const byte = this.buffer[this.at++]!;
      value |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return value >>> 0;
    }
    throw new OffsetCommitDecodeError(`__consumer_offsets record: varint too long at byte ${this.at}`);
  }
}
