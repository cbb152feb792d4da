import avro from 'avsc';
import type { CompileCodec } from './payload-codec.js';
import { parseFramed } from './wire-format.js';

/**
 * Avro with avsc. Referenced schemas (named types) are parsed first into one registry of types, so
 * the schema can name them. Decoded values become JSON: records as objects, `bytes` and `fixed` as
 * base64 text (as the `bytes` format shows bytes), unions unwrapped where avsc can (`wrapUnions: auto`).
 */
export const compileAvro: CompileCodec = (schema, references) => {
  const registry: Record<string, avro.Type> = { long: EXACT_LONG };
  for (const ref of references) avro.Type.forSchema(JSON.parse(ref.schema.schema) as avro.Schema, { registry });
  const type = avro.Type.forSchema(JSON.parse(schema.schema) as avro.Schema, { registry });
  return {
    decode: (framed) => avroJson(type.fromBuffer(parseFramed(framed, { messageIndexes: false }).payload)),
  };
};

// avsc refuses a long beyond 2^53 ("potential precision loss"); such a value is valid Avro, so it
// is read exactly and shown as decimal text (every other long stays a JSON number).
const EXACT_LONG = avro.types.LongType.__with({
  fromBuffer: (buf: Buffer) => {
    const n = buf.readBigInt64LE();
    return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString();
  },
  toBuffer: (n: number | string) => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(BigInt(n));
    return buf;
  },
  fromJSON: (n: number | string) => n,
  toJSON: (n: number | string) => n,
  isValid: (n: unknown) => typeof n === 'number' || typeof n === 'string',
  compare: (a: number | string, b: number | string) => {
    const [x, y] = [BigInt(a), BigInt(b)];
    return x === y ? 0 : x < y ? -1 : 1;
  },
});

function avroJson(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return value.map(avroJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, field]) => [name, avroJson(field)]));
  }
  return value;
}
