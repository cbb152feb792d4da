import { ConnectionError, SluiceError } from '../errors/index.js';
import { isRegistryFormat, type RecordFormat, type RegistryFormat } from '../spec/index.js';
import { compileAvro } from './avro-codec.js';
import { compileJsonSchema } from './json-schema-codec.js';
import type { CompileCodec, PayloadCodec } from './payload-codec.js';
import { compileProtobuf } from './protobuf-codec.js';
import { referencedSchemas } from './referenced-schemas.js';
import { RegistryError, type RegisteredSchema, type SchemaSource, type SchemaType } from './schema-source.js';
import { schemaIdOf } from './wire-format.js';

export const SCHEMA_TYPE_OF: Record<RegistryFormat, SchemaType> = {
  avro: 'AVRO',
  protobuf: 'PROTOBUF',
  'json-schema': 'JSON',
};

const FORMAT_OF: Record<SchemaType, RegistryFormat> = { AVRO: 'avro', PROTOBUF: 'protobuf', JSON: 'json-schema' };

/** Bytes in the Schema Registry wire format: the magic byte 0 and room for a schema id. */
export const looksFramed = (bytes: Buffer | null): bytes is Buffer =>
  bytes !== null && bytes.length >= 5 && bytes[0] === 0;

export const COMPILERS: Record<SchemaType, CompileCodec> = {
  AVRO: compileAvro,
  PROTOBUF: compileProtobuf,
  JSON: compileJsonSchema,
};

/**
 * Bytes that cannot be decoded with the registry: not framed, an unknown schema id, a schema of
 * another type, bytes that do not match. The record decoder turns it into a RecordError (which
 * `onDecodeError` handles); a registry that cannot be reached is a RegistryError instead and fails.
 */
export class UndecodablePayload extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UndecodablePayload';
  }
}

/** Where a decoded payload's schema is: shown beside browsed records. */
export interface SchemaInfo {
  id: number;
  schemaType: SchemaType;
  subject?: string;
  version?: number;
}

type Compiled = { info: SchemaInfo; codec: PayloadCodec } | { error: UndecodablePayload };

/**
 * Decodes framed payloads with schemas looked up by id, each compiled once (with its references)
 * and kept. Decoding is synchronous; only the first record of an id waits, in `prepare`, for the
 * registry. Ids the registry does not know are remembered too, so they are asked about once.
 */
export class RegistryDecoder {
  readonly #source: SchemaSource;
  readonly #compiled = new Map<number, Compiled>();
  readonly #loading = new Map<number, Promise<void>>();

  constructor(source: SchemaSource) {
    this.#source = source;
  }

  /** Loads the schema of these framed payloads when not yet compiled; undefined when nothing to wait for. */
  prepare(payloads: readonly (Buffer | null)[]): Promise<void> | undefined {
    let waits: Promise<void>[] | undefined;
    for (const bytes of payloads) {
      if (bytes === null || bytes.length < 5) continue;
      const id = bytes.readUInt32BE(1);
      if (bytes[0] !== 0 || this.#compiled.has(id)) continue;
      (waits ??= []).push(this.#load(id));
    }
    return waits && Promise.all(waits).then(() => undefined);
  }

  /** `prepare` for a record's key and value in their formats (only those in a registry format). */
  prepareRecord(
    record: { key: Buffer | null; value: Buffer | null },
    keyFormat: RecordFormat,
    valueFormat: RecordFormat,
  ): Promise<void> | undefined {
    return this.prepare([
      isRegistryFormat(keyFormat) ? record.key : null,
      isRegistryFormat(valueFormat) ? record.value : null,
    ]);
  }

  /** The payload decoded to JSON-ready values; `prepare` must have loaded its schema. */
  decode(bytes: Buffer, format: RegistryFormat): { value: unknown; schema: SchemaInfo } {
    let id: number;
    try {
      id = schemaIdOf(bytes);
    } catch (error) {
      throw new UndecodablePayload((error as Error).message);
    }
    const compiled = this.#compiled.get(id);
    if (!compiled) throw new Error(`schema id ${id} was not prepared before decoding (a bug)`);
    if ('error' in compiled) throw compiled.error;
    const expected = SCHEMA_TYPE_OF[format];
    if (compiled.info.schemaType !== expected) {
      throw new UndecodablePayload(
        `schema id ${id}${where(compiled.info)} is a ${compiled.info.schemaType} schema, not ${expected} (format ${format})`,
      );
    }
    try {
      return { value: compiled.codec.decode(bytes), schema: compiled.info };
    } catch (error) {
      throw new UndecodablePayload(
        `the bytes do not match ${format} schema id ${id}${where(compiled.info)}: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  /** The payload in the format its own schema has (browsing, where no format was chosen); `prepare` first. */
  decodeAny(bytes: Buffer): { value: unknown; schema: SchemaInfo } {
    const compiled = bytes.length >= 5 ? this.#compiled.get(bytes.readUInt32BE(1)) : undefined;
    const format = compiled && 'info' in compiled ? FORMAT_OF[compiled.info.schemaType] : 'avro';
    return this.decode(bytes, format);
  }

  #load(id: number): Promise<void> {
    let loading = this.#loading.get(id);
    if (!loading) {
      loading = this.#compile(id).finally(() => this.#loading.delete(id));
      this.#loading.set(id, loading);
    }
    return loading;
  }

  async #compile(id: number): Promise<void> {
    let schema: RegisteredSchema;
    try {
      schema = await this.#source.schemaById(id);
    } catch (error) {
      // Only "not found" is the record's fault; anything else (unreachable, 5xx) fails the run,
      // and the restart strategy tries again.
      // A registry the profile cannot give (an unreadable secret or CA) fails as it is: retrying will not help.
      if (error instanceof SluiceError && !error.retriable) throw error;
      if (!(error instanceof RegistryError) || error.status !== 404) {
        throw new ConnectionError(`cannot read schema id ${id} from the Schema Registry: ${(error as Error).message}`, {
          retriable: true,
          hintId: 'registry-unreachable',
          cause: error,
          details: { schemaId: id },
        });
      }
      this.#compiled.set(id, {
        error: new UndecodablePayload(`schema id ${id} is unknown to the registry (${error.message})`, {
          cause: error,
        }),
      });
      return;
    }
    const info: SchemaInfo = {
      id,
      schemaType: schema.schemaType,
      ...(schema.subject === undefined ? {} : { subject: schema.subject }),
      ...(schema.version === undefined ? {} : { version: schema.version }),
    };
    let references;
    try {
      references = await referencedSchemas(this.#source, schema);
    } catch (error) {
      if (!(error instanceof RegistryError) || error.status !== 404) throw error;
      this.#compiled.set(id, {
        error: new UndecodablePayload(
          `schema id ${id}${where(info)} references a schema the registry does not have (${error.message})`,
          { cause: error },
        ),
      });
      return;
    }
    try {
      this.#compiled.set(id, { info, codec: await COMPILERS[schema.schemaType](schema, references) });
    } catch (error) {
      this.#compiled.set(id, {
        error: new UndecodablePayload(
          `${schema.schemaType} schema id ${id}${where(info)} does not compile: ${(error as Error).message}`,
          { cause: error },
        ),
      });
    }
  }
}

const where = (info: SchemaInfo): string =>
  info.subject === undefined
    ? ''
    : ` (subject ${info.subject}${info.version === undefined ? '' : ` version ${info.version}`})`;
