/**
 * The Java client's snappy framing (xerial snappy-java's SnappyOutputStream): an 8-byte magic,
 * two 4-byte versions, then blocks of a 4-byte big-endian length and a raw snappy block.
 * librdkafka and kafkajs producers write plain raw snappy instead; a reader must take both.
 */
const MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const HEADER_BYTES = MAGIC.length + 8;

export function isXerialFramed(buffer: Buffer): boolean {
  return buffer.length >= HEADER_BYTES && buffer.subarray(0, MAGIC.length).equals(MAGIC);
}

/** The raw snappy blocks of a xerial-framed buffer, in order; throws on a truncated block. */
export function xerialBlocks(buffer: Buffer): Buffer[] {
  const blocks: Buffer[] = [];
  let at = HEADER_BYTES;
  while (at < buffer.length) {
    if (at + 4 > buffer.length) throw new Error(`snappy: truncated xerial block length at byte ${at}`);
    const length = buffer.readUInt32BE(at);
    at += 4;
    if (at + length > buffer.length) {
      throw new Error(`snappy: xerial block at byte ${at - 4} claims ${length} bytes, ${buffer.length - at} remain`);
    }
    blocks.push(buffer.subarray(at, at + length));
    at += length;
  }
  return blocks;
}

/** Frames raw snappy blocks as the Java client does (tests use it to stand in for Java's output). */
export function xerialFrame(blocks: readonly Buffer[]): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header);
  header.writeInt32BE(1, MAGIC.length);
  header.writeInt32BE(1, MAGIC.length + 4);
  const parts: Buffer[] = [header];
  for (const block of blocks) {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(block.length);
    parts.push(length, block);
  }
  return Buffer.concat(parts);
}
