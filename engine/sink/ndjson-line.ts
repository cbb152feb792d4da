import type { IHeaders } from 'kafkajs';
import type { HeaderText } from '../source/record-decoder.js';
import type { SinkRecord } from './sink.js';

/**
 * One NDJSON line per record: where it came from, its timestamp, and key, value and headers as the
 * source formats decoded them (or as a map replaced them). `bytes` payloads appear as base64. A
 * field whose bytes are not text (a `string` value that is not UTF-8, a binary header) is written
 * as base64 of its bytes and named in `base64`, so a line never loses a byte.
 */
export function toNdjsonLine(record: SinkRecord): string {
  const { source, decoded, mapped } = record;
  if (!decoded) throw new Error('the file sink needs decoded records');
  const notText = new Set(decoded.notText);
  const base64: string[] = [];
  const payload = (field: 'key' | 'value'): unknown => {
    if (mapped && field in mapped) return mapped[field];
    if (!notText.has(field)) return decoded[field];
    base64.push(field);
    return source[field]?.toString('base64') ?? null;
  };
  const key = payload('key');
  const value = payload('value');
  let headers: Record<string, HeaderText | HeaderText[]> = mapped?.headers ?? decoded.headers;
  if (!mapped?.headers && [...notText].some((field) => field.startsWith('headers.'))) {
    headers = { ...decoded.headers };
    for (const name of Object.keys(source.headers)) {
      if (!notText.has(`headers.${name}`)) continue;
      headers[name] = headerBase64(source.headers[name]);
      base64.push(`headers.${name}`);
    }
  }
  return `${JSON.stringify({
    topic: source.topic,
    partition: source.partition,
    offset: source.offset,
    timestamp: mapped?.timestamp ?? source.timestamp,
    key,
    value,
    headers,
    ...(base64.length > 0 ? { base64 } : {}),
  })}\n`;
}

function headerBase64(value: IHeaders[string]): HeaderText | HeaderText[] {
  const one = (v: Buffer | string | null): HeaderText =>
    v === null ? null : (typeof v === 'string' ? Buffer.from(v) : v).toString('base64');
  if (value === undefined) return null;
  return Array.isArray(value) ? value.map(one) : one(value);
}
