import { isUtf8 } from 'node:buffer';
import type { IHeaders } from 'kafkajs';
import { RecordError } from '../errors/index.js';
import { UndecodablePayload, type RegistryDecoder, type SchemaInfo } from '../registry/registry-decoder.js';
import { isRegistryFormat, type RecordFormat } from '../spec/index.js';
import type { SourceRecord } from './source-record.js';

/** A header value as text: a header Kafka holds without a value stays null. */
export type HeaderText = string | null;

/** Key, value and headers as the transform and the file sink see them. */
export interface DecodedFields {
  key: unknown;
  value: unknown;
  headers: Record<string, HeaderText | HeaderText[]>;
  /**
   * Fields whose text above is not their bytes: `key` or `value` read as `string` that are not
   * UTF-8, `headers.<name>` likewise. Writers that must not lose a byte use the source bytes there.
   */
  notText?: string[];
  /** For `avro`, `protobuf` and `json-schema` payloads: the schema each was decoded with. */
  schemas?: { key?: SchemaInfo; value?: SchemaInfo };
}

/**
 * Decodes per the source's formats: `string` as UTF-8 text, `json` parsed, `bytes` as base64 text
 * (so they survive JSON), the Schema Registry formats with `registry` (whose `prepare` must have
 * loaded the record's schemas). A null key or value (a tombstone) stays null in every format.
 */
export function decodeRecord(
  record: SourceRecord,
  keyFormat: RecordFormat,
  valueFormat: RecordFormat,
  registry?: RegistryDecoder,
): DecodedFields {
  const schemas: NonNullable<DecodedFields['schemas']> = {};
  const decoded: DecodedFields = {
    key: decodePayload(record, 'key', keyFormat, registry, schemas),
    value: decodePayload(record, 'value', valueFormat, registry, schemas),
    headers: decodeHeaders(record.headers),
  };
  if (schemas.key || schemas.value) decoded.schemas = schemas;
  const notText = [
    ...(keyFormat === 'string' && !isText(record.key) ? ['key'] : []),
    ...(valueFormat === 'string' && !isText(record.value) ? ['value'] : []),
    ...Object.entries(record.headers)
      .filter(([, value]) => value !== undefined && !(Array.isArray(value) ? value.every(isText) : isText(value)))
      .map(([name]) => `headers.${name}`),
  ];
  if (notText.length > 0) decoded.notText = notText;
  return decoded;
}

const isText = (bytes: Buffer | string | null): boolean => bytes === null || typeof bytes === 'string' || isUtf8(bytes);

export function decodePayload(
  record: SourceRecord,
  field: 'key' | 'value',
  format: RecordFormat,
  registry?: RegistryDecoder,
  schemas?: DecodedFields['schemas'],
): unknown {
  const bytes = record[field];
  if (bytes === null) return null;
  if (isRegistryFormat(format)) {
    const at = `the ${field} of the record at ${record.topic}[${record.partition}] offset ${record.offset}`;
    if (!registry) {
      throw new RecordError(
        `${at} is ${format}, which needs the cluster's Schema Registry, and none is set`,
        record,
        field,
      );
    }
    try {
      const { value, schema } = registry.decode(bytes, format);
      if (schemas) schemas[field] = schema;
      return value;
    } catch (error) {
      if (!(error instanceof UndecodablePayload)) throw error;
      throw new RecordError(
        `${at} is not ${format}: ${error.message}; set source.${field}Format to "bytes" to read it as is, ` +
          'or source.onDecodeError to "skip" or "dead-letter"',
        record,
        field,
        { cause: error },
      );
    }
  }
  switch (format) {
    case 'string':
      return bytes.toString('utf8');
    case 'bytes':
      return bytes.toString('base64');
    case 'json':
      try {
        return JSON.parse(bytes.toString('utf8'));
      } catch (error) {
        throw new RecordError(
          `the ${field} of the record at ${record.topic}[${record.partition}] offset ${record.offset} is not valid JSON ` +
            `(${(error as Error).message}); set source.${field}Format to "string" or "bytes" to read it as is, ` +
            'or source.onDecodeError to "skip" or "dead-letter"',
          record,
          field,
          { cause: error },
        );
      }
  }
}

export function decodeHeaders(headers: IHeaders): Record<string, HeaderText | HeaderText[]> {
  const out: Record<string, HeaderText | HeaderText[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.map(headerText) : headerText(value);
  }
  return out;
}

const headerText = (value: Buffer | string | null): HeaderText => (value === null ? null : value.toString());
