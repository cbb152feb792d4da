// The Confluent Schema Registry wire format: a zero magic byte, the schema id as 4 bytes big-endian,
// for Protobuf the message indexes (a zigzag varint count, then that many zigzag varint indexes; the
// single byte 0 stands for [0], the first message of the file), then the encoded record.

export const MAGIC_BYTE = 0;
const HEADER_BYTES = 5;

/** A payload that is not in the wire format; the message says what is wrong and at which byte. */
export class WireFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireFormatError';
  }
}

export interface Framed {
  schemaId: number;
  /** Protobuf only: the path to the message in the .proto file ([0] is its first message). */
  messageIndexes?: number[];
  /** The encoded record after the framing (a view on the input, not a copy). */
  payload: Buffer;
}

/** The schema id alone, for looking the schema up before decoding. */
export function schemaIdOf(bytes: Buffer): number {
  if (bytes.length > 0 && bytes[0] !== MAGIC_BYTE) {
    throw new WireFormatError(
      `not Schema Registry framing: first byte 0x${hex(bytes[0]!)}, expected the magic byte 0x00`,
    );
  }
  if (bytes.length < HEADER_BYTES) {
    throw new WireFormatError(
      `not Schema Registry framing: ${bytes.length} byte${bytes.length === 1 ? '' : 's'}, ` +
        `shorter than the ${HEADER_BYTES}-byte header (magic byte 0 and a 4-byte schema id)`,
    );
  }
  return bytes.readUInt32BE(1);
}

/** Splits framed bytes; `messageIndexes` reads the Protobuf index array after the id. */
export function parseFramed(bytes: Buffer, options: { messageIndexes: boolean }): Framed {
  const schemaId = schemaIdOf(bytes);
  if (!options.messageIndexes) return { schemaId, payload: bytes.subarray(HEADER_BYTES) };
  const reader = { bytes, at: HEADER_BYTES };
  const count = readZigzag(reader, 'the message index count');
  if (count < 0) throw new WireFormatError(`Protobuf message index count ${count} at byte ${HEADER_BYTES} is negative`);
  // Each index takes at least one byte: a count beyond what is left is corrupt, not a huge array.
  if (count > bytes.length - reader.at) {
    throw new WireFormatError(
      `Protobuf message index count ${count} at byte ${HEADER_BYTES} exceeds the ${bytes.length - reader.at} bytes left`,
    );
  }
  const messageIndexes: number[] = [];
  for (let i = 0; i < count; i++) {
    const index = readZigzag(reader, `message index ${i}`);
    if (index < 0) throw new WireFormatError(`Protobuf message index ${i} is negative (${index})`);
    messageIndexes.push(index);
  }
  return { schemaId, messageIndexes: count === 0 ? [0] : messageIndexes, payload: bytes.subarray(reader.at) };
}

/** Frames an encoded record; with `messageIndexes` (Protobuf) [0] is written as the single byte 0. */
export function buildFramed(schemaId: number, payload: Uint8Array, messageIndexes?: readonly number[]): Buffer {
  if (!Number.isInteger(schemaId) || schemaId < 0 || schemaId > 0xffffffff) {
    throw new WireFormatError(`schema id ${schemaId} is not a 32-bit unsigned integer`);
  }
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt8(MAGIC_BYTE, 0);
  header.writeUInt32BE(schemaId, 1);
  const parts: Uint8Array[] = [header];
  if (messageIndexes !== undefined) {
    if (messageIndexes.length === 0)
      throw new WireFormatError('Protobuf message indexes are empty; [0] is the first message');
    const first = messageIndexes.length === 1 && messageIndexes[0] === 0;
    const varints = first ? [0] : [messageIndexes.length, ...messageIndexes];
    parts.push(Buffer.from(varints.flatMap((n) => zigzagVarint(n))));
  }
  parts.push(payload);
  return Buffer.concat(parts);
}

function readZigzag(reader: { bytes: Buffer; at: number }, what: string): number {
  const start = reader.at;
  let value = 0;
  for (let shift = 0; shift < 35; shift += 7) {
    if (reader.at >= reader.bytes.length) {
      throw new WireFormatError(
        `Protobuf ${what}: the varint at byte ${start} runs past the end of the ${reader.bytes.length}-byte record`,
      );
    }
    const byte = reader.bytes[reader.at++]!;
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
  }
  throw new WireFormatError(`Protobuf ${what}: the varint at byte ${start} is longer than 5 bytes`);
}

function zigzagVarint(n: number): number[] {
  if (!Number.isInteger(n) || n < 0 || n > 0x3fffffff) {
    throw new WireFormatError(`Protobuf message index ${n} is not a non-negative 30-bit integer`);
  }
  let rest = n * 2;
  const out: number[] = [];
  while (rest >= 0x80) {
    out.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return out;
}

const hex = (byte: number): string => byte.toString(16).padStart(2, '0');
