import type { SinkRecord } from './sink.js';

/**
 * One NDJSON line per record: where it came from, its timestamp, and key, value and headers as the
 * source formats decoded them (or as a map replaced them). `bytes` payloads appear as base64.
 */
export function toNdjsonLine(record: SinkRecord): string {
  const { source, decoded, mapped } = record;
  if (!decoded) throw new Error('the file sink needs decoded records');
  return `${JSON.stringify({
    topic: source.topic,
    partition: source.partition,
    offset: source.offset,
    timestamp: mapped?.timestamp ?? source.timestamp,
    key: mapped && 'key' in mapped ? mapped.key : decoded.key,
    value: mapped && 'value' in mapped ? mapped.value : decoded.value,
    headers: mapped?.headers ?? decoded.headers,
  })}\n`;
}
