import { ConfigError, RecordError } from '../errors/index.js';
import { EncodeError } from '../registry/payload-codec.js';
import { RegistryEncoder, type ReadSchemaFile } from '../registry/registry-encoder.js';
import type { SchemaSource } from '../registry/schema-source.js';
import type { EncodedFields, SinkRecord } from '../sink/sink.js';
import type { SourceRecord } from '../source/source-record.js';
import { isRegistryFormat, type JobSpec, type RecordFormat } from '../spec/index.js';

type Field = 'key' | 'value';

/**
 * The Kafka sink's `keySchema` / `valueSchema`: encodes a key or value with a registry schema when a
 * map set it, or when the source's format is not a registry format (its decoded JSON is written in
 * the schema). A registry-format field the map left alone passes through byte for byte.
 */
export class SinkEncoding {
  readonly #encoders: Partial<Record<Field, RegistryEncoder>>;
  readonly #formats: Record<Field, RecordFormat>;
  readonly #fields: readonly Field[];

  constructor(encoders: Partial<Record<Field, RegistryEncoder>>, formats: Record<Field, RecordFormat>) {
    this.#encoders = encoders;
    this.#formats = formats;
    this.#fields = (['key', 'value'] as const).filter((field) => encoders[field]);
  }

  /** Resolves the schemas this record needs the first time; undefined when nothing to wait for. */
  prepare(record: SinkRecord): Promise<void> | undefined {
    let waits: Promise<void>[] | undefined;
    for (const field of this.#fields) {
      const waiting = this.#needs(record, field) ? this.#encoders[field]!.prepare() : undefined;
      if (waiting) (waits ??= []).push(waiting);
    }
    return waits && Promise.all(waits).then(() => undefined);
  }

  /** The encoded key and value (prepare first); a value that does not fit is a RecordError naming record and field. */
  encode(record: SinkRecord): EncodedFields | undefined {
    let encoded: EncodedFields | undefined;
    for (const field of this.#fields) {
      if (!this.#needs(record, field)) continue;
      const value = record.mapped && field in record.mapped ? record.mapped[field] : record.decoded?.[field];
      (encoded ??= {})[field] =
        value === null || value === undefined ? null : this.#encodeOne(record.source, field, value);
    }
    return encoded;
  }

  #needs(record: SinkRecord, field: Field): boolean {
    return (record.mapped !== undefined && field in record.mapped) || !isRegistryFormat(this.#formats[field]);
  }

  #encodeOne(source: SourceRecord, field: Field, value: unknown): Buffer {
    const encoder = this.#encoders[field]!;
    try {
      return encoder.encode(value);
    } catch (error) {
      if (!(error instanceof EncodeError)) throw error;
      const { subject, id } = encoder.schema;
      throw new RecordError(
        `the ${field} written for the record at ${source.topic}[${source.partition}] offset ${source.offset} does not fit ` +
          `sink.${field}Schema (subject "${subject}", id ${id}): ${error.message}`,
        source,
        `sink.${field}Schema`,
        { cause: error, details: { field: error.path, subject, schemaId: id } },
      );
    }
  }
}

/**
 * The encoding for a Kafka sink with keySchema or valueSchema; undefined otherwise. Such a sink on a
 * cluster without a Schema Registry fails at start, saying which field needs it.
 */
export function sinkEncodingFor(
  spec: JobSpec,
  sinkSchemas: () => SchemaSource | undefined,
  readText?: ReadSchemaFile,
): SinkEncoding | undefined {
  const sink = spec.sink;
  if (sink.type !== 'kafka') return undefined;
  const fields = (['key', 'value'] as const).filter((field) => sink[`${field}Schema`] !== undefined);
  if (fields.length === 0) return undefined;
  const source = sinkSchemas();
  if (!source) {
    const cluster = !sink.cluster
      ? 'the source cluster'
      : 'profile' in sink.cluster
        ? `profile "${sink.cluster.profile}"`
        : sink.cluster.bootstrapServers.join(',');
    throw new ConfigError(
      `${fields.map((field) => `sink.${field}Schema`).join(' and ')} needs a Schema Registry, but the sink's cluster ` +
        `(${cluster}) has none; add the registry to the cluster profile`,
      { details: { fields: fields.map((field) => `sink.${field}Schema`) } },
    );
  }
  const encoders: Partial<Record<Field, RegistryEncoder>> = {};
  for (const field of fields) {
    encoders[field] = new RegistryEncoder(
      { spec: sink[`${field}Schema`]!, topic: sink.topic, field },
      source,
      readText,
    );
  }
  return new SinkEncoding(encoders, { key: spec.source.keyFormat, value: spec.source.valueFormat });
}
