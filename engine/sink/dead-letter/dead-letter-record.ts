import type { IHeaders } from 'kafkajs';
import type { RecordError } from '../../errors/index.js';
import type { SourceRecord } from '../../source/source-record.js';

/** Headers a dead-lettered Kafka record carries beside its own, so the bytes can be traced and replayed. */
export const DEAD_LETTER_HEADERS = {
  error: 'sluice.error',
  stage: 'sluice.error.stage',
  topic: 'sluice.source.topic',
  partition: 'sluice.source.partition',
  offset: 'sluice.source.offset',
} as const;

/** The original key, value, headers and timestamp, unchanged, plus where it came from and why. */
export function deadLetterMessage(
  record: SourceRecord,
  error: RecordError,
): { key: Buffer | null; value: Buffer | null; headers: IHeaders; timestamp: string } {
  return {
    key: record.key,
    value: record.value,
    headers: {
      ...record.headers,
      [DEAD_LETTER_HEADERS.error]: error.message,
      [DEAD_LETTER_HEADERS.stage]: error.stage,
      [DEAD_LETTER_HEADERS.topic]: record.topic,
      [DEAD_LETTER_HEADERS.partition]: String(record.partition),
      [DEAD_LETTER_HEADERS.offset]: String(record.offset),
    },
    timestamp: String(record.timestamp),
  };
}

/** One NDJSON line: position, error, and every byte of key, value and headers as base64. */
export function deadLetterLine(record: SourceRecord, error: RecordError): string {
  const headers: Record<string, string | null | (string | null)[]> = {};
  for (const [name, value] of Object.entries(record.headers)) {
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.map(base64) : base64(value);
  }
  return `${JSON.stringify({
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    timestamp: record.timestamp,
    stage: error.stage,
    error: error.message,
    encoding: 'base64',
    key: base64(record.key),
    value: base64(record.value),
    headers,
  })}\n`;
}

function base64(bytes: Buffer | string | null): string | null {
  if (bytes === null) return null;
  return (typeof bytes === 'string' ? Buffer.from(bytes) : bytes).toString('base64');
}
