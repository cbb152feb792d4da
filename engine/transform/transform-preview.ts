import { RecordError, type RecordStage } from '../errors/index.js';
import { decodeRecord, type DecodedFields } from '../source/record-decoder.js';
import type { SourceRecord } from '../source/source-record.js';
import type { RegistryDecoder } from '../registry/registry-decoder.js';
import type { RecordFormat, TransformSpec } from '../spec/index.js';
import { RecordTransform } from './record-transform.js';

/** A record as the filter and map see it: key and value decoded per the source formats. */
export interface PreviewFields {
  key: unknown;
  value: unknown;
  headers: DecodedFields['headers'];
  timestamp: number;
}

/** One record before and after the transform, as a job would treat it. */
export interface PreviewRow {
  topic: string;
  partition: number;
  offset: number;
  before: PreviewFields;
  /** `kept` (maybe mapped), `dropped` by the filter, or `failed` (decode or expression error). */
  outcome: 'kept' | 'dropped' | 'failed';
  /** What the sink would get, when kept. */
  after?: PreviewFields;
  error?: {
    stage: RecordStage;
    message: string;
    /** The character of the expression where evaluation stopped, when JSONata names it. */
    position?: number;
  };
}

export interface PreviewOptions {
  keyFormat: RecordFormat;
  valueFormat: RecordFormat;
  transform?: TransformSpec | undefined;
  /** The cluster's registry, for `avro`, `protobuf` and `json-schema` (absent: those rows fail, saying so). */
  registry?: RegistryDecoder | undefined;
}

/**
 * Runs the job's decode and transform over records, one by one, keeping each record's fate: the
 * same steps the record pipeline takes, without a sink, and with errors reported, not thrown.
 */
export async function previewRecords(records: readonly SourceRecord[], options: PreviewOptions): Promise<PreviewRow[]> {
  const transform = RecordTransform.compile(options.transform);
  const rows: PreviewRow[] = [];
  for (const record of records) {
    const at = { topic: record.topic, partition: record.partition, offset: record.offset };
    let decoded: DecodedFields;
    try {
      await options.registry?.prepareRecord(record, options.keyFormat, options.valueFormat);
      decoded = decodeRecord(record, options.keyFormat, options.valueFormat, options.registry);
    } catch (error) {
      // Shown as text, so the operator sees what would not decode.
      const asText = decodeRecord(record, 'string', 'string');
      rows.push({ ...at, before: fields(asText, record.timestamp), outcome: 'failed', error: describe(error) });
      continue;
    }
    const before = fields(decoded, record.timestamp);
    if (!transform) {
      rows.push({ ...at, before, outcome: 'kept', after: before });
      continue;
    }
    try {
      const result = await transform.apply({ ...decoded, timestamp: record.timestamp, ...at });
      if (!result.keep) rows.push({ ...at, before, outcome: 'dropped' });
      else rows.push({ ...at, before, outcome: 'kept', after: { ...before, ...result.mapped } });
    } catch (error) {
      rows.push({ ...at, before, outcome: 'failed', error: describe(error) });
    }
  }
  return rows;
}

const fields = (decoded: DecodedFields, timestamp: number): PreviewFields => ({
  key: decoded.key,
  value: decoded.value,
  headers: decoded.headers,
  timestamp,
});

function describe(error: unknown): NonNullable<PreviewRow['error']> {
  if (!(error instanceof RecordError)) throw error;
  const position = error.details?.['position'];
  return {
    stage: error.stage,
    message: error.message,
    ...(typeof position === 'number' ? { position } : {}),
  };
}
