import type avro from 'avsc';
import { loadAvro, type AvroModule } from './avro-module.js';
import { describeValue, EncodeError, joinFieldPath, type CompileCodec } from './payload-codec.js';
import { buildFramed, parseFramed } from './wire-format.js';

/**
 * Avro with avsc. Referenced schemas (named types) are parsed first into one registry of types, so
 * the schema can name them. Decoded values become JSON: records as objects, `bytes` and `fixed` as
 * base64 text (as the `bytes` format shows bytes), unions unwrapped where avsc can (`wrapUnions: auto`).
 * Encoding takes the same JSON back (base64 text for `bytes` and `fixed`); a field the schema does
 * not declare is an error, as is a missing field without a default.
 */
export const compileAvro: CompileCodec = async (schema, references) => {
  const avro = await loadAvro();
  const registry: Record<string, avro.Type> = { long: exactLong(avro) };
  for (const ref of references) avro.Type.forSchema(JSON.parse(ref.schema.schema) as avro.Schema, { registry });
  const type = avro.Type.forSchema(JSON.parse(schema.schema) as avro.Schema, { registry });
  const toJson = jsonConverter(type, new Set()) ?? ((value: unknown) => value);
  return {
    decode: (framed) => toJson(type.fromBuffer(parseFramed(framed, { messageIndexes: false }).payload)),
    encode: (value) => {
      const avroValue = fromJson(type, value);
      let problem: EncodeError | undefined;
      const valid = type.isValid(avroValue, {
        noUndeclaredFields: true,
        errorHook: (path, found, expected) => (problem ??= invalid(path, found, expected)),
      });
      if (!valid) throw problem ?? new EncodeError('', `does not match Avro schema ${type.name ?? type.typeName}`);
      return buildFramed(schema.id, type.toBuffer(avroValue));
    },
  };
};

// avsc refuses a long beyond 2^53 ("potential precision loss"); such a value is valid Avro, so it
// is read exactly and shown as decimal text (every other long stays a JSON number).
let EXACT_LONG: avro.Type | undefined;
const exactLong = (avro: AvroModule): avro.Type =>
  (EXACT_LONG ??= avro.types.LongType.__with({
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
    isValid: (n: unknown) => Number.isSafeInteger(n) || (typeof n === 'string' && isInt64Text(n)),
    compare: (a: number | string, b: number | string) => {
      const [x, y] = [BigInt(a), BigInt(b)];
      return x === y ? 0 : x < y ? -1 : 1;
    },
  }));

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

const isInt64Text = (text: string): boolean =>
  /^-?\d{1,19}$/.test(text) && BigInt(text) >= -(2n ** 63n) && BigInt(text) < 2n ** 63n;

function avroJson(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return value.map(avroJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, field]) => [name, avroJson(field)]));
  }
  return value;
}

/** What avsc's errorHook reports, as a field path: digits are array items (or map keys that look like them). */
function invalid(path: string[], found: unknown, expected: avro.Type): EncodeError {
  const where = joinFieldPath(path);
  if (found !== null && typeof found === 'object' && !Array.isArray(found) && expected.typeName === 'record') {
    const declared = new Set((expected as avro.types.RecordType).fields.map((f) => f.name));
    const extra = Object.keys(found).filter((name) => !declared.has(name));
    if (extra.length > 0) {
      return new EncodeError(
        where,
        `${extra.map((n) => `"${n}"`).join(', ')} ${extra.length === 1 ? 'is not a field' : 'are not fields'} of record ${expected.name ?? ''}`.trim(),
      );
    }
  }
  const missing = found === undefined ? 'missing (and the schema gives no default)' : `${describeValue(found)}`;
  return new EncodeError(where, `${missing}${found === undefined ? '' : ` is not a valid ${avroTypeName(expected)}`}`);
}

const avroTypeName = (type: avro.Type): string =>
  type.name ??
  (type.typeName.startsWith('union')
    ? `union of ${(type as avro.types.UnwrappedUnionType).types.map(avroTypeName).join(', ')}`
    : type.typeName.replace(/^abstract:/, ''));

/** The JSON a map gives, as avsc takes it: base64 text to bytes, and each union branch tried in order. */
function fromJson(type: avro.Type, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  switch (type.typeName) {
    case 'bytes':
    case 'fixed':
      return typeof value === 'string' ? Buffer.from(value, 'base64') : value;
    case 'record':
    case 'error': {
      if (typeof value !== 'object' || Array.isArray(value)) return value;
      const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      for (const field of (type as avro.types.RecordType).fields) {
        if (field.name in out) out[field.name] = fromJson(field.type, out[field.name]);
      }
      return out;
    }
    case 'array':
      return Array.isArray(value)
        ? value.map((item) => fromJson((type as avro.types.ArrayType).itemsType, item))
        : value;
    case 'map':
      return typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(
            Object.entries(value).map(([k, v]) => [k, fromJson((type as avro.types.MapType).valuesType, v)]),
          )
        : value;
    case 'union:unwrapped':
      for (const branch of (type as avro.types.UnwrappedUnionType).types) {
        const converted = fromJson(branch, value);
        if (branch.isValid(converted)) return converted;
      }
      return value;
    default:
      return value;
  }
}
