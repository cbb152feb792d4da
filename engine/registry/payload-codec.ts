import type { RegisteredSchema } from './schema-source.js';
import type { ReferencedSchema } from './referenced-schemas.js';

/** A schema compiled for decoding: framed bytes in, the record as JSON-ready values out. */
export interface PayloadCodec {
  /** Throws an Error saying what in the bytes does not match the schema. */
  decode(framed: Buffer): unknown;
}

export type CompileCodec = (schema: RegisteredSchema, references: readonly ReferencedSchema[]) => PayloadCodec;
