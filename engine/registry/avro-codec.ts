import avro from 'avsc';
import type { CompileCodec } from './payload-codec.js';
import { parseFramed } from './wire-format.js';

/**
 * Avro with avsc. Referenced schemas (named types) are parsed first into one registry of types, so
 * the schema can name them. Decoded values become JSON: records as objects, `bytes` and `fixed` as
 * base64 text (as the `bytes` format shows bytes), unions unwrapped where avsc can (`wrapUnions: auto`).
 */
export const compileAvro: CompileCodec = (schema, references) => {
  const registry: Record<string, avro.Type> = {};
  for (const ref of references) avro.Type.forSchema(JSON.parse(ref.schema.schema) as avro.Schema, { registry });
  const type = avro.Type.forSchema(JSON.parse(schema.schema) as avro.Schema, { registry });
  return {
    decode: (framed) => avroJson(type.fromBuffer(parseFramed(framed, { messageIndexes: false }).payload)),
  };
};

function avroJson(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return value.map(avroJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, field]) => [name, avroJson(field)]));
  }
  return value;
}
