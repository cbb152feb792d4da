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
  const toJson = jsonConverter(type, new Set()) ?? ((value: unknown) => value);
  return {
    decode: (framed) => toJson(type.fromBuffer(parseFramed(framed, { messageIndexes: false }).payload)),
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

type Convert = (value: unknown) => unknown;

/**
 * The conversion to JSON for one type, built once per schema (3x faster than walking every decoded
 * value generically): records become plain objects, bytes and fixed base64, and a type with neither
 * inside needs nothing (null). Unions, logical types and recursive records take the generic walk.
 */
function jsonConverter(type: avro.Type, building: Set<avro.Type>): Convert | null {
  switch (type.typeName) {
    case 'null':
    case 'boolean':
    case 'int':
    case 'long':
    case 'float':
    case 'double':
    case 'string':
    case 'enum':
      return null;
    case 'bytes':
    case 'fixed':
      return (value) => (value as Buffer).toString('base64');
    case 'array': {
      const item = jsonConverter((type as avro.types.ArrayType).itemsType, building);
      return item && ((value) => (value as unknown[]).map(item));
    }
    case 'map': {
      const entry = jsonConverter((type as avro.types.MapType).valuesType, building);
      return (
        entry &&
        ((value) => {
          const out: Record<string, unknown> = {};
          for (const [key, field] of Object.entries(value as Record<string, unknown>)) out[key] = entry(field);
          return out;
        })
      );
    }
    case 'record':
    case 'error': {
      if (building.has(type)) return avroJson;
      building.add(type);
      const fields = (type as avro.types.RecordType).fields.map(
        (f) => [f.name, jsonConverter(f.type, building)] as const,
      );
      building.delete(type);
      return (value) => {
        const record = value as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const [name, convert] of fields) out[name] = convert ? convert(record[name]) : record[name];
        return out;
      };
    }
    default:
      return avroJson;
  }
}

function avroJson(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return value.map(avroJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, field]) => [name, avroJson(field)]));
  }
  return value;
}
