import { isRegistryFormat, type RecordFormat } from '../spec/index.js';

/**
 * Encodes a value a map produced, mirroring how the source format decoded it, so a map that passes
 * a field through unchanged writes the same bytes: `json` is serialized, `string` text is written
 * as is, `bytes` is read back from base64. Anything else a map makes (objects, numbers) is JSON.
 * null and undefined become a null payload (for a value, a tombstone).
 */
export function encodePayload(value: unknown, format: RecordFormat): Buffer | string | null {
  if (value === null || value === undefined) return null;
  if (isRegistryFormat(format)) {
    // Encoding with a schema the spec names is not built yet: never write JSON where avro is expected.
    throw new Error(
      `a map that sets a ${format} key or value cannot be written yet (encoding with a registry schema is not ` +
        'supported); leave key and value out of the map result so the source bytes pass through',
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
