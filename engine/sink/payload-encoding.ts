import { ConfigError } from '../errors/index.js';
import { isRegistryFormat, writeSchemaRemedy, type RecordFormat } from '../spec/index.js';

/**
 * Encodes a value a map produced, mirroring how the source format decoded it, so a map that passes
 * a field through unchanged writes the same bytes: `json` is serialized, `string` text is written
 * as is, `bytes` is read back from base64. Anything else a map makes (objects, numbers) is JSON.
 * null and undefined become a null payload (for a value, a tombstone).
 */
export function encodePayload(value: unknown, format: RecordFormat, field: 'key' | 'value'): Buffer | string | null {
  if (value === null || value === undefined) return null;
  if (isRegistryFormat(format)) {
    // Never write JSON where the source's consumers expect the registry format.
    throw new ConfigError(
      `transform.map sets the ${field} of a ${format} source, which needs a schema to write it: ${writeSchemaRemedy(field, format)}`,
      { details: { field: `sink.${field}Schema` } },
    );
  }
  if (format === 'json') return JSON.stringify(value);
  if (typeof value === 'string') return format === 'bytes' ? Buffer.from(value, 'base64') : value;
  return JSON.stringify(value);
}

export function payloadBytes(payload: Buffer | string | null): number {
  if (payload === null) return 0;
  return typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
}
