import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { locateJsonError } from '../spec/json-position.js';
import { tpKey, type TopicPartitionOffset } from '../offsets/topic-partition.js';
import { isHeaderRecord, readHeader, readPartitionRow, restoreCell } from './detailed-csv.js';
import { REPORT_COLUMNS } from './report-columns.js';
import { ReportFormatError, type ReportProblem } from './report-errors.js';
import {
  offsetReportSchema,
  reportOffset,
  REPORT_VERSION,
  type OffsetReport,
  type ReportPartition,
} from './report-schema.js';

export type ReportFileFormat = 'json' | 'csv' | 'offsets-csv';

/** What an import applies: the offsets, checked, plus the whole report when the file carried one. */
export interface ParsedReport {
  format: ReportFileFormat;
  offsets: TopicPartitionOffset[];
  report?: OffsetReport;
}

// Kafka's own rule for topic names; a report naming anything else was damaged or hand-edited.
const TOPIC = /^[A-Za-z0-9._-]{1,249}$/;
const WHOLE = /^\d+$/;

/**
 * Reads a report for import: Sluice's JSON, its detailed CSV, or the `topic,partition,offset` CSV
 * Kafka's tools read and write. Everything is checked before anything is returned; any problem
 * refuses the whole file with every problem named by line (`source` names the file).
 */
export function parseReport(text: string, source: string): ParsedReport {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new ReportFormatError(source, [{ message: 'the file is empty' }]);
  if (body.trimStart().startsWith('{')) return parseJsonReport(body, source);
  const firstLine = body.trimStart().split('\n', 1)[0]!.trim();
  const detailed = firstLine.startsWith('# sluice offset report') || firstLine.startsWith('topic,partition,offset,');
  return parseCsvReport(body, source, detailed ? 'csv' : 'offsets-csv');
}

function parseJsonReport(text: string, source: string): ParsedReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const where = locateJsonError(text);
    // A problem on the last line is most likely a file cut short (a copy or download interrupted).
    const lastLine = text.trimEnd().split('\n').length;
    const cut =
      where && where.line >= lastLine && !/cut short/.test(where.message) ? ' (the file ends here: truncated?)' : '';
    const problem: ReportProblem = where
      ? { line: where.line, message: `column ${where.column}: ${where.message}${cut}` }
      : { message: `not valid JSON (${(error as Error).message})` };
    throw new ReportFormatError(source, [problem]);
  }
  const version = (data as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > REPORT_VERSION) {
    throw new ReportFormatError(source, [
      { message: `report format version ${version} is newer than this Sluice reads (up to ${REPORT_VERSION})` },
    ]);
  }
  const parsed = offsetReportSchema.safeParse(data);
  if (!parsed.success) throw new ReportFormatError(source, parsed.error.issues.map(describeIssue));
  const report = parsed.data;
  const problems: ReportProblem[] = [];
  const seen = new Map<string, number>();
  const offsets: TopicPartitionOffset[] = [];
  report.partitions.forEach((row, index) => {
    const where = `partitions[${index}]`;
    if (!TOPIC.test(row.topic)) problems.push({ message: `${where}.topic: "${row.topic}" is not a Kafka topic name` });
    const key = tpKey(row.topic, row.partition);
    const before = seen.get(key);
    if (before !== undefined)
      problems.push({ message: `duplicate topic-partition ${key} in partitions[${before}] and ${where}` });
    seen.set(key, index);
    if (row.logStartOffset > row.logEndOffset)
      problems.push({ message: `${where}: log start ${row.logStartOffset} is after log end ${row.logEndOffset}` });
    const offset = reportOffset(report, row);
    if (offset !== null) offsets.push({ topic: row.topic, partition: row.partition, offset });
  });
  if (problems.length === 0 && offsets.length === 0) problems.push({ message: 'the report holds no offsets to apply' });
  if (problems.length > 0) throw new ReportFormatError(source, problems);
  return { format: 'json', offsets, report };
}

function describeIssue(issue: z.core.$ZodIssue): ReportProblem {
  const path = issue.path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
  return { message: `${path || '(root)'}: ${issue.message}` };
}

interface CsvLine {
  line: number;
  cells: string[];
}

const CSV_OPTIONS = {
  comment: '#',
  skip_empty_lines: true,
  record_delimiter: ['\r\n', '\n', '\r'],
  relax_column_count: true,
  trim: true,
};

/**
 * The CSV's records, each with the line it ends on. csv-parse miscounts lines when a quoted cell
 * holds a CRLF, so lines come from a second parse of the text with every line break made "\n":
 * the same records (breaks inside quotes stay inside quotes), counted right.
 */
function readCsv(text: string, source: string): CsvLine[] {
  const unixText = text.replace(/\r\n?/g, '\n');
  let records: string[][];
  let ends: { info: { lines: number } }[];
  try {
    ends = parse(unixText, { ...CSV_OPTIONS, info: true }) as unknown as { info: { lines: number } }[];
    records = parse(text, CSV_OPTIONS) as string[][];
  } catch (error) {
    throw new ReportFormatError(source, [csvSyntaxProblem(unixText, error)]);
  }
  return records.map((cells, i) => ({ line: ends[i]!.info.lines, cells }));
}

/** A CSV syntax error on the line it is on; an unclosed quote on the line where the quote opened. */
function csvSyntaxProblem(unixText: string, error: unknown): ReportProblem {
  const e = error as { code?: string; lines?: number; message: string };
  const message = `not valid CSV (${e.message.replace(/ at line \d+/, '')})`;
  if (e.code !== 'CSV_QUOTE_NOT_CLOSED') return e.lines === undefined ? { message } : { line: e.lines, message };
  // Parse up to the failing record: it starts at the first line after the last good one that is
  // neither empty nor a comment.
  let lastEnd = 0;
  try {
    parse(unixText, {
      ...CSV_OPTIONS,
      on_record: (record: string[], context: { lines: number }) => {
        lastEnd = context.lines;
        return record;
      },
    });
  } catch {
    // expected: the same error again
  }
  const lines = unixText.split('\n');
  let line = lastEnd + 1;
  while (line < lines.length && /^\s*(#.*)?$/.test(lines[line - 1]!)) line++;
  return { line, message: `not valid CSV: the quoted cell opened on line ${line} is never closed` };
}

function parseCsvReport(text: string, source: string, format: 'csv' | 'offsets-csv'): ParsedReport {
  const lines = readCsv(text, source);
  const problems: ReportProblem[] = [];
  let rows = lines;
  // The detailed CSV: a header row naming the columns; the offset is read from the `offset` column.
  let columns = { topic: 0, partition: 1, offset: 2, count: 3 };
  // The detailed CSV's header fields; files written before they were quoted have none (read as comments).
  const headerLines: CsvLine[] = [];
  if (format === 'csv') {
    while (lines[headerLines.length] && isHeaderRecord(lines[headerLines.length]!.cells)) {
      headerLines.push(lines[headerLines.length]!);
    }
    const header = lines[headerLines.length];
    const expected = REPORT_COLUMNS.map((c) => c.key);
    if (!header || header.cells.join(',') !== expected.join(',')) {
      throw new ReportFormatError(source, [
        {
          ...(header ? { line: header.line } : {}),
          message: `expected the header row "${expected.join(',')}"${header ? `, got "${header.cells.join(',')}"` : ''}`,
        },
      ]);
    }
    rows = lines.slice(headerLines.length + 1);
    columns = { topic: 0, partition: 1, offset: 2, count: expected.length };
  }
  const read = headerLines.length === 0 ? undefined : readHeader(headerLines);
  if (read) problems.push(...read.problems);
  const partitions: ReportPartition[] = [];
  const offsets: TopicPartitionOffset[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of rows) {
    if (cells.length < columns.count) {
      problems.push({ line, message: `truncated (expected ${columns.count} columns, got ${cells.length})` });
      continue;
    }
    if (cells.length > columns.count) {
      problems.push({ line, message: `expected ${columns.count} columns, got ${cells.length}` });
      continue;
    }
    const topic = format === 'csv' ? restoreCell(cells[columns.topic]!) : cells[columns.topic]!;
    const partitionText = cells[columns.partition]!;
    const offsetText = cells[columns.offset]!;
    const before = problems.length;
    if (!TOPIC.test(topic)) problems.push({ line, message: `topic "${topic}" is not a Kafka topic name` });
    if (!WHOLE.test(partitionText) || !Number.isSafeInteger(Number(partitionText)))
      problems.push({ line, message: `partition "${partitionText}" is not a number` });
    if (read && problems.length === before) {
      const partition = readPartitionRow(cells);
      if (typeof partition === 'string') problems.push({ line, message: partition });
      else partitions.push(partition);
    }
    // The detailed CSV leaves the offset empty for partitions without one: nothing to apply there.
    if (format === 'csv' && offsetText === '') continue;
    if (!WHOLE.test(offsetText) || !Number.isSafeInteger(Number(offsetText)))
      problems.push({
        line,
        message: `offset "${offsetText}" is not a number${offsetText.startsWith('-') ? ' (offsets are 0 or more)' : ''}`,
      });
    if (problems.length > before) continue;
    const key = tpKey(topic, Number(partitionText));
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ line, message: `duplicate topic-partition ${key} on lines ${first} and ${line}` });
      continue;
    }
    seen.set(key, line);
    offsets.push({ topic, partition: Number(partitionText), offset: Number(offsetText) });
  }
  if (problems.length === 0 && offsets.length === 0) problems.push({ message: 'the report holds no offsets to apply' });
  if (problems.length > 0) throw new ReportFormatError(source, problems);
  if (!read) return { format, offsets };
  const report = offsetReportSchema.safeParse({ ...read.header, partitions });
  if (!report.success) throw new ReportFormatError(source, report.error.issues.map(describeIssue));
  return { format, offsets, report: report.data };
}
