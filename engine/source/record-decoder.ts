import type { IHeaders } from 'kafkajs';
import { SluiceError } from '../errors/index.js';
import type { RecordFormat } from '../spec/index.js';
import type { SourceRecord } from './source-record.js';

/** Key, value and headers as the transform and the file sink see them. */
export interface DecodedFields {
  key: unknown;
  value: unknown;
  headers: Record<string, string | string[]>;
}

/**
 * Decodes per the source's formats: `string` as UTF-8 text, `json` parsed, `bytes` as base64 text
 * (so they survive JSON). A null key or value (a tombstone) stays null in every format.
 */
export function decodeRecord(record: SourceRecord, keyFormat: RecordFormat, valueFormat: RecordFormat): DecodedFields {
  return {
    key: decodePayload(record, 'key', keyFormat),
    value: decodePayload(record, 'value', valueFormat),
    headers: decodeHeaders(record.headers),
  };
}

export function decodePayload(record: SourceRecord, field: 'key' | 'value', format: RecordFormat): unknown {
  const bytes = record[field];
  if (bytes === null) return null;
  switch (format) {
    case 'string':
      return bytes.toString('utf8');
    case 'bytes':
      return bytes.toString('base64');
    case 'json':
      try {
        return JSON.parse(bytes.toString('utf8'));
      } catch (error) {
        throw new SluiceError(
          `the ${field} of the record at ${record.topic}[${record.partition}] offset ${record.offset} is not valid JSON ` +
            `(${(error as Error).message}); set source.${field}Format to "string" or "bytes" to read it as is`,
          {
            hintId: 'corrupt-record',
            retriable: false,
            cause: error,
            details: { topic: record.topic, partition: record.partition, offset: record.offset, field },
          },
        );
      }
  }
}

export function decodeHeaders(headers: IHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.map((v) => v.toString()) : value.toString();
  }
  return out;
}
