import { RecordError } from '../errors/index.js';
import type { SinkRecord } from '../sink/sink.js';
import { decodeRecord } from '../source/record-decoder.js';
import type { SourceRecord } from '../source/source-record.js';
import type { RegistryDecoder } from '../registry/registry-decoder.js';
import type { RegistryCopy } from './registry-copy.js';
import type { SinkEncoding } from './registry-encoding.js';
import { isRegistryFormat, type RecordFormat } from '../spec/index.js';
import type { RecordTransform } from '../transform/record-transform.js';

/** Takes a record the job cannot process (skips or dead-letters it); throws to fail the job. */
export type RecordErrorHandler = (record: SourceRecord, error: RecordError) => Promise<void>;

export interface PipelineOptions {
  keyFormat: RecordFormat;
  valueFormat: RecordFormat;
  transform: RecordTransform | undefined;
  /** The file sink writes decoded fields. */
  sinkNeedsDecoded: boolean;
  /** Decodes `avro`, `protobuf` and `json-schema`; required when a format is one of them. */
  registry?: RegistryDecoder | undefined;
  /** Rewrites schema ids for a sink cluster with another registry (engine/job/registry-copy.ts). */
  copy?: RegistryCopy | undefined;
  /** Encodes keys and values with the Kafka sink's registry schemas (engine/job/registry-encoding.ts). */
  encoding?: SinkEncoding | undefined;
  /** Absent: a record error fails the job (`onDecodeError: "fail"`). */
  onRecordError?: RecordErrorHandler | undefined;
}

/** Formats checked record by record even when nothing reads the fields: a record that does not decode is an error. */
const checked = (format: RecordFormat): boolean => format === 'json' || isRegistryFormat(format);

/**
 * Source records to sink records: decode, filter, map. Decoding happens only when something needs
 * it (a transform, the file sink) or a JSON format must be checked record by record; a plain
 * Kafka-to-Kafka copy hands the source bytes straight through. A record that does not decode or
 * that a transform fails on goes to `onRecordError` and is left out of the output.
 */
export class RecordPipeline {
  readonly #options: PipelineOptions;
  readonly #decode: boolean;

  constructor(options: PipelineOptions) {
    this.#options = options;
    this.#decode =
      options.transform !== undefined ||
      options.sinkNeedsDecoded ||
      options.encoding !== undefined ||
      checked(options.keyFormat) ||
      checked(options.valueFormat);
  }

  async process(records: readonly SourceRecord[]): Promise<SinkRecord[]> {
    const out: SinkRecord[] = [];
    for (const source of records) {
      if (!this.#decode) {
        out.push({ source });
        continue;
      }
      try {
        const record = await this.#processOne(source);
        if (record && this.#options.copy) record.source = await this.#options.copy.apply(source);
        if (record) out.push(record);
      } catch (error) {
        const handler = this.#options.onRecordError;
        if (!(error instanceof RecordError) || !handler) throw error;
        await handler(source, error);
      }
    }
    return out;
  }

  async #processOne(source: SourceRecord): Promise<SinkRecord | undefined> {
    const { keyFormat, valueFormat, transform, registry } = this.#options;
    if (registry) {
      // Waits only when a schema id is seen for the first time.
      const loading = registry.prepareRecord(source, keyFormat, valueFormat);
      if (loading) await loading;
    }
    const decoded = decodeRecord(source, keyFormat, valueFormat, registry);
    let record: SinkRecord = { source, decoded };
    if (transform) {
      const result = await transform.apply({
        ...decoded,
        timestamp: source.timestamp,
        topic: source.topic,
        partition: source.partition,
        offset: source.offset,
      });
      if (!result.keep) return undefined;
      if (result.mapped) record = { source, decoded, mapped: result.mapped };
    }
    return this.#options.encoding ? this.#encode(record, this.#options.encoding) : record;
  }

  async #encode(record: SinkRecord, encoding: SinkEncoding): Promise<SinkRecord> {
    // Waits only until the sink's schemas are resolved, on the first record that needs them.
    const resolving = encoding.prepare(record);
    if (resolving) await resolving;
    const encoded = encoding.encode(record);
    if (encoded) record.encoded = encoded;
    return record;
  }
}
