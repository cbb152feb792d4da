import { describe, expect, it } from 'vitest';
import { buildFramed, parseFramed, schemaIdOf, WireFormatError } from './wire-format.js';

const payload = Buffer.from([0x0a, 0x03, 0x61, 0x62, 0x63]);

describe('Schema Registry wire format', () => {
  it('frames and reads back an Avro or JSON record: magic byte, 4-byte big-endian id, payload', () => {
    const framed = buildFramed(0x01020304, payload);
    expect([...framed.subarray(0, 5)]).toEqual([0, 1, 2, 3, 4]);
    expect(parseFramed(framed, { messageIndexes: false })).toEqual({ schemaId: 0x01020304, payload });
    expect(schemaIdOf(framed)).toBe(0x01020304);
  });

  it('writes the first message [0] as the single byte 0 and reads that byte as [0]', () => {
    const framed = buildFramed(7, payload, [0]);
    expect([...framed.subarray(5, 6)]).toEqual([0]);
    expect(framed.subarray(6)).toEqual(payload);
    expect(parseFramed(framed, { messageIndexes: true })).toEqual({ schemaId: 7, messageIndexes: [0], payload });
  });

  it('writes other index arrays as a zigzag count then zigzag indexes', () => {
    // [1, 0]: count 2 -> 4, 1 -> 2, 0 -> 0; [0, 2]: the nested third message of the first message.
    expect([...buildFramed(1, payload, [1, 0]).subarray(5, 8)]).toEqual([4, 2, 0]);
    expect([...buildFramed(1, payload, [0, 2]).subarray(5, 8)]).toEqual([4, 0, 4]);
    for (const indexes of [[1], [0, 2], [3, 1, 4], [70]]) {
      const parsed = parseFramed(buildFramed(9, payload, indexes), { messageIndexes: true });
      expect(parsed.messageIndexes).toEqual(indexes);
      expect(parsed.payload).toEqual(payload);
    }
    // 70 -> zigzag 140, two varint bytes.
    expect([...buildFramed(1, payload, [70]).subarray(5, 8)]).toEqual([2, 0x8c, 0x01]);
  });

  it('names what is wrong with bytes that are not framed', () => {
    expect(() => schemaIdOf(Buffer.from('{"a":1}'))).toThrow(
      new WireFormatError('not Schema Registry framing: first byte 0x7b, expected the magic byte 0x00'),
    );
    expect(() => schemaIdOf(Buffer.from([0, 0, 1]))).toThrow(/3 bytes, shorter than the 5-byte header/);
    expect(() => parseFramed(Buffer.from([0, 0, 0, 0, 1]), { messageIndexes: true })).toThrow(
      /message index count: the varint at byte 5 runs past the end of the 5-byte record/,
    );
    expect(() => parseFramed(Buffer.from([0, 0, 0, 0, 1, 0x28, 2]), { messageIndexes: true })).toThrow(
      /count 20 at byte 5 exceeds the 1 bytes left/,
    );
    expect(() => parseFramed(Buffer.from([0, 0, 0, 0, 1, 1]), { messageIndexes: true })).toThrow(
      /count -1 .* negative/,
    );
    expect(() => buildFramed(-1, payload)).toThrow(/schema id -1/);
    expect(() => buildFramed(1, payload, [])).toThrow(/empty/);
  });
});
