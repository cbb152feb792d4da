import type { RegisteredSchema } from './schema-source.js';
import type { ReferencedSchema } from './referenced-schemas.js';

/** A schema compiled for decoding and encoding: framed bytes to JSON-ready values and back. */
export interface PayloadCodec {
  /** Throws an Error saying what in the bytes does not match the schema. */
  decode(framed: Buffer): unknown;
  /**
   * A JSON-ready value (as `decode` gives them) encoded and framed with the schema's id (for
   * Protobuf also the chosen message's indexes); throws an EncodeError naming the field that does not fit.
   */
  encode(value: unknown): Buffer;
}

export interface CodecOptions {
  /** Protobuf: the fully-qualified message `encode` writes; the file's first message by default. */
  message?: string | undefined;
}

/** Async as the schema language's library is loaded on the first schema of its type. */
export type CompileCodec = (
  schema: RegisteredSchema,
  references: readonly ReferencedSchema[],
  options?: CodecOptions,
) => Promise<PayloadCodec>;

/** A value that does not fit the schema; `path` is the field (`ship_to.city`, `items[2]`), '' for the whole record. */
export class EncodeError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path === '' ? 'the record' : `field ${path}`}: ${problem}`);
    this.name = 'EncodeError';
  }
}

/** A field path from its parts: `ship_to.city`; numbers (and digit-only parts) as items, `items[2]`; `["k"]` parts as they are. */
export const joinFieldPath = (parts: readonly (string | number)[]): string =>
  parts.reduce<string>(
    (at, part) =>
      /^\d+$/.test(String(part))
        ? `${at}[${part}]`
        : String(part).startsWith('[') || at === ''
          ? `${at}${part}`
          : `${at}.${part}`,
    '',
  );

/** A short description of a value for an error message (never the whole record). */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return `${typeof value} ${text.length > 40 ? `${text.slice(0, 37)}...` : text}`;
}
