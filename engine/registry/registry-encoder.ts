import { readFile } from 'node:fs/promises';
import { ConfigError } from '../errors/index.js';
import type { WriteSchemaSpec } from '../spec/index.js';
import type { PayloadCodec } from './payload-codec.js';
import { referencedSchemas, type ReferencedSchema } from './referenced-schemas.js';
import { COMPILERS, SCHEMA_TYPE_OF } from './registry-decoder.js';
import { registryFailure } from './registry-failure.js';
import type { RegisteredSchema, SchemaSource } from './schema-source.js';
import { recordNameOf, subjectFor } from './subject-strategy.js';

/** What one encoder writes: the sink topic's key or value, with the schema its spec names. */
export interface EncoderTarget {
  spec: WriteSchemaSpec;
  topic: string;
  field: 'key' | 'value';
}

/** The schema an encoder resolved, for messages. */
export interface EncodingSchema {
  id: number;
  subject: string;
  version?: number | undefined;
}

export type ReadSchemaFile = (path: string) => Promise<string>;

/**
 * Encodes a sink's key or value with a Schema Registry schema. The schema is resolved once, on the
 * first record that needs it (`prepare`): a `file` is read and registered in the sink's registry
 * under its strategy's subject; a `subject` (or the strategy's) is fetched at `version`. Problems
 * with the spec or the registry's refusals are ConfigErrors naming the spec field; an unreachable
 * registry fails the run for a restart.
 */
export class RegistryEncoder {
  readonly #target: EncoderTarget;
  readonly #source: SchemaSource;
  readonly #readText: ReadSchemaFile;
  #resolving: Promise<void> | undefined;
  #codec: PayloadCodec | undefined;
  #schema: EncodingSchema | undefined;

  constructor(target: EncoderTarget, source: SchemaSource, readText: ReadSchemaFile = (p) => readFile(p, 'utf8')) {
    this.#target = target;
    this.#source = source;
    this.#readText = readText;
  }

  /** Resolves the schema the first time; undefined once it is (the rest of the records do not wait). */
  prepare(): Promise<void> | undefined {
    if (this.#codec) return undefined;
    this.#resolving ??= this.#resolve().catch((error: unknown) => {
      this.#resolving = undefined;
      throw error;
    });
    return this.#resolving;
  }

  /** The schema in use; `prepare` must have resolved it. */
  get schema(): EncodingSchema {
    if (!this.#schema) throw new Error(`sink.${this.#target.field}Schema was not resolved before encoding (a bug)`);
    return this.#schema;
  }

  /** The value framed with the schema; throws an EncodeError naming the field that does not fit. */
  encode(value: unknown): Buffer {
    if (!this.#codec) throw new Error(`sink.${this.#target.field}Schema was not resolved before encoding (a bug)`);
    return this.#codec.encode(value);
  }

  get #specPath(): string {
    return `sink.${this.#target.field}Schema`;
  }

  async #resolve(): Promise<void> {
    const { spec } = this.#target;
    if (spec.file !== undefined) await this.#registerFile(spec.file);
    else
      await this.#fetch(
        spec.subject ?? subjectFor(spec.subjectStrategy, this.#target.topic, this.#target.field, noName),
      );
  }

  async #registerFile(file: string): Promise<void> {
    const { spec, topic, field } = this.#target;
    const at = `${this.#specPath}.file`;
    let text: string;
    try {
      text = await this.#readText(file);
    } catch (error) {
      throw new ConfigError(`${at}: cannot read schema file ${file}: ${(error as Error).message}`, {
        cause: error,
        details: { file },
      });
    }
    const unregistered = { schemaType: SCHEMA_TYPE_OF[spec.format], schema: text, references: [] };
    // Compiled before registering, so a broken file is reported as such and never reaches the registry.
    await this.#compile({ ...unregistered, id: 0 }, [], `${at}: ${file} is not a valid ${spec.format} schema`);
    // Read here as it may load the schema library; only the record strategies ask for it.
    const recordName =
      spec.subjectStrategy === 'topic-name' ? undefined : await recordNameOf(spec.format, text, spec.message);
    const subject = subjectFor(spec.subjectStrategy, topic, field, () => {
      if (recordName !== undefined) return recordName;
      throw new ConfigError(
        `${this.#specPath}.subjectStrategy is "${spec.subjectStrategy}", which names the subject after the record, ` +
          `but ${file} has no record name (${RECORD_NAME[spec.format]}); give subject, or use "topic-name"`,
        { details: { file } },
      );
    });
    let id: number;
    try {
      id = await this.#source.register(subject, unregistered);
    } catch (error) {
      throw registryFailure(`${at}: registering ${file} under subject "${subject}"`, error, { subject, file });
    }
    this.#codec = await this.#compile({ ...unregistered, id }, [], `${at}: ${file} does not compile`);
    this.#schema = { id, subject };
  }

  async #fetch(subject: string): Promise<void> {
    const { spec } = this.#target;
    const version = spec.version ?? 'latest';
    const what = `${this.#specPath}: reading subject "${subject}" version ${version} from the sink cluster's registry`;
    let schema: RegisteredSchema;
    let references: ReferencedSchema[];
    try {
      schema = await this.#source.schemaByVersion(subject, version);
      references = await referencedSchemas(this.#source, schema);
    } catch (error) {
      throw registryFailure(what, error, { subject, version }, [404]);
    }
    const expected = SCHEMA_TYPE_OF[spec.format];
    if (schema.schemaType !== expected) {
      throw new ConfigError(
        `${this.#specPath}.format is "${spec.format}", but subject "${subject}" version ${schema.version ?? version} ` +
          `holds a ${schema.schemaType} schema (id ${schema.id}), not ${expected}`,
        { details: { subject, schemaId: schema.id } },
      );
    }
    this.#codec = await this.#compile(
      schema,
      references,
      `${this.#specPath}: subject "${subject}" version ${schema.version ?? version} (id ${schema.id}) does not compile`,
    );
    this.#schema = { id: schema.id, subject, version: schema.version };
  }

  async #compile(
    schema: RegisteredSchema,
    references: readonly ReferencedSchema[],
    what: string,
  ): Promise<PayloadCodec> {
    try {
      return await COMPILERS[schema.schemaType](schema, references, { message: this.#target.spec.message });
    } catch (error) {
      throw new ConfigError(`${what}: ${(error as Error).message}`, { cause: error });
    }
  }
}

const RECORD_NAME = {
  avro: 'an Avro named type: a record with a name',
  protobuf: 'a message',
  'json-schema': 'a "title"',
} as const;

// The spec schema allows record strategies only with a file; this guards specs built without it.
const noName = (): never => {
  throw new ConfigError('a record-name subject strategy needs a schema file or an explicit subject');
};
