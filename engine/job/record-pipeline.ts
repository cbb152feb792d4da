import type { SinkRecord } from '../sink/sink.js';
import { decodeRecord } from '../source/record-decoder.js';
import type { SourceRecord } from '../source/source-record.js';
import type { RecordFormat } from '../spec/index.js';
import type { RecordTransform } from '../transform/record-transform.js';

export interface PipelineOptions {
  keyFormat: RecordFormat;
  valueFormat: RecordFormat;
  transform: RecordTransform | undefined;
  /** The file sink writes decoded fields. */
  sinkNeedsDecoded: boolean;
}

/**
 * Source records to sink records: decode, filter, map. Decoding happens only when something needs
 * it (a transform, the file sink) or a JSON format must be checked record by record; a plain
 * Kafka-to-Kafka copy hands the source bytes straight through.
 */
export class RecordPipeline {
  readonly #options: PipelineOptions;
  readonly #decode: boolean;

  constructor(options: PipelineOptions) {
    this.#options = options;
    this.#decode =
      options.transform !== undefined ||
      options.sinkNeedsDecoded ||
      options.keyFormat === 'json' ||
      options.valueFormat === 'json';
  }

  async process(records: readonly SourceRecord[]): Promise<SinkRecord[]> {
    const { keyFormat, valueFormat, transform } = this.#options;
    const out: SinkRecord[] = [];
    for (const source of records) {
      if (!this.#decode) {
        out.push({ source });
        continue;
      }
      const decoded = decodeRecord(source, keyFormat, valueFormat);
      if (!transform) {
        out.push({ source, decoded });
        continue;
      }
      const result = await transform.apply({
        ...decoded,
        timestamp: source.timestamp,
        topic: source.topic,
        partition: source.partition,
        offset: source.offset,
      });
      if (!result.keep) continue;
      out.push(result.mapped ? { source, decoded, mapped: result.mapped } : { source, decoded });
    }
    return out;
  }
}
