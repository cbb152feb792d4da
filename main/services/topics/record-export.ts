import type { IHeaders } from 'kafkajs';
import { stringify } from 'csv-stringify/sync';
import { neutralizeCell } from '../../../engine/reports/detailed-csv';
import { decodeRecord } from '../../../engine/source/record-decoder';
import type { SourceRecord } from '../../../engine/source/source-record';
import { toNdjsonLine } from '../../../engine/sink/ndjson-line';
import { appendHeader } from '../../../engine/produce/produce-record';
import type { BrowsedBytes, BrowsedRecord } from '../../ipc/contract';
import type { ExportedRecords, RecordExportArgs } from './browse-args';

/** CSV columns: the file sink's NDJSON fields, headers as a JSON object, `base64` naming binary fields. */
export const RECORD_CSV_COLUMNS = ['topic', 'partition', 'offset', 'timestamp', 'key', 'value', 'headers', 'base64'];

/**
 * Records as the file sink writes them (engine/sink/ndjson-line.ts): text as text, and a field whose
 * bytes are not UTF-8 as base64 of its bytes, named in `base64`, so an export never loses a byte.
 */
export function recordsAsNdjson(topic: string, records: readonly BrowsedRecord[]): string {
  return records.map((record) => toNdjsonLine(sinkRecord(topic, record))).join('');
}

/** The same fields as the NDJSON, one row per record with a header row. */
export function recordsAsCsv(topic: string, records: readonly BrowsedRecord[]): string {
  const rows = records.map((record) => {
    const line = JSON.parse(toNdjsonLine(sinkRecord(topic, record))) as Record<string, unknown>;
    return RECORD_CSV_COLUMNS.map((column) => csvCell(line[column]));
  });
  // An empty text is `""`, a null an empty cell, so the two stay apart.
  return stringify(rows, {
    header: true,
    columns: RECORD_CSV_COLUMNS,
    record_delimiter: 'unix',
    quoted_match: /^$/,
  });
}

export function exportRecords(args: RecordExportArgs, now = new Date()): ExportedRecords {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const csv = args.format === 'csv';
  return {
    suggestedName: `${args.topic}-${stamp}.${csv ? 'csv' : 'ndjson'}`,
    mime: csv ? 'text/csv' : 'application/x-ndjson',
    content: csv ? recordsAsCsv(args.topic, args.records) : recordsAsNdjson(args.topic, args.records),
    records: args.records.length,
  };
}

// Text stays text, but a text a spreadsheet would run as a formula gets a leading apostrophe (as in the
// reports' CSV); a null stays an empty cell; objects and lists (headers, base64) are JSON.
function csvCell(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  return neutralizeCell(typeof value === 'string' ? value : JSON.stringify(value));
}

function sinkRecord(topic: string, record: BrowsedRecord) {
  const headers: IHeaders = {};
  for (const [name, bytes] of record.headers) appendHeader(headers, name, bytesOf(bytes));
  const key = bytesOf(record.key);
  const value = bytesOf(record.value);
  const source: SourceRecord = {
    topic,
    partition: record.partition,
    offset: record.offset,
    timestamp: record.timestamp,
    key,
    value,
    headers,
    bytes: (key?.length ?? 0) + (value?.length ?? 0),
  };
  return { source, decoded: decodeRecord(source, 'string', 'string') };
}

const bytesOf = (bytes: BrowsedBytes | null): Buffer | null =>
  bytes === null ? null : Buffer.from(bytes.base64, 'base64');
