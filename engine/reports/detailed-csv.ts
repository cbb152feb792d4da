import type { ReportProblem } from './report-errors.js';
import { REPORT_VERSION, type OffsetReport, type ReportPartition } from './report-schema.js';

// How the detailed CSV writes a report's header and text cells, and reads them back: both
// directions here, so what is written is exactly what an import reads.
//
// Header fields are records of one quoted cell, `"# label: value"`: a spreadsheet shows each as one
// cell starting with "#" (never a formula), commas, quotes and line breaks in a value stay inside
// the quotes, and a CSV reader that skips `#` comment lines still skips the unquoted mark line.
// A field whose value is null is left out.

interface HeaderField {
  label: string;
  write(report: OffsetReport): string | null;
  /** Sets the field from its text; returns a problem when the text cannot be that field. */
  read(text: string, into: Partial<OffsetReport>): string | undefined;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Milliseconds from the exact ISO form `iso` writes; undefined for any other text. */
function fromIso(text: string): number | undefined {
  const ms = Date.parse(text);
  return Number.isNaN(ms) || iso(ms) !== text ? undefined : ms;
}

const text = (key: 'cluster' | 'job' | 'groupId' | 'sluiceVersion', label: string): HeaderField => ({
  label,
  write: (report) => report[key],
  read: (value, into) => {
    into[key] = value;
    return undefined;
  },
});

const time = (key: 'checkpointTakenAt' | 'takenAt', label: string): HeaderField => ({
  label,
  write: (report) => (report[key] === null ? null : iso(report[key])),
  read: (value, into) => {
    const ms = fromIso(value);
    if (ms === undefined) return `"${value}" is not a time like 2024-05-01T12:00:00.000Z`;
    into[key] = ms;
    return undefined;
  },
});

export const HEADER_FIELDS: readonly HeaderField[] = [
  {
    label: 'kind',
    write: (report) => report.kind,
    read: (value, into) => {
      if (value !== 'job' && value !== 'group') return `"${value}" is neither "job" nor "group"`;
      into.kind = value;
      return undefined;
    },
  },
  text('cluster', 'cluster'),
  text('job', 'job'),
  text('groupId', 'group'),
  {
    label: 'checkpoint',
    write: (report) => (report.checkpointId === null ? null : String(report.checkpointId)),
    read: (value, into) => {
      if (!/^[1-9]\d*$/.test(value) || !Number.isSafeInteger(Number(value))) {
        return `"${value}" is not a checkpoint id`;
      }
      into.checkpointId = Number(value);
      return undefined;
    },
  },
  time('checkpointTakenAt', 'checkpoint taken at'),
  time('takenAt', 'report taken at'),
  text('sluiceVersion', 'sluice version'),
];

const REQUIRED = ['kind', 'cluster', 'report taken at', 'sluice version'];

/** The header fields as the one-cell records the detailed CSV starts with. */
export function headerRecords(report: OffsetReport): string[][] {
  return HEADER_FIELDS.flatMap((field) => {
    const value = field.write(report);
    return value === null ? [] : [[`# ${field.label}: ${value}`]];
  });
}

/** A one-cell record that is a header field (`# label: value`). */
export const isHeaderRecord = (cells: readonly string[]): boolean => cells.length === 1 && cells[0]!.startsWith('# ');

/** The report's header from its header records; problems name the line. */
export function readHeader(records: readonly { line: number; cells: string[] }[]): {
  header: Omit<OffsetReport, 'partitions'>;
  problems: ReportProblem[];
} {
  const into: Partial<OffsetReport> = { job: null, groupId: null, checkpointId: null, checkpointTakenAt: null };
  const problems: ReportProblem[] = [];
  const seen = new Set<string>();
  for (const { line, cells } of records) {
    const cell = cells[0]!.slice(2);
    const colon = cell.indexOf(': ');
    const label = colon < 0 ? cell : cell.slice(0, colon);
    const field = HEADER_FIELDS.find((f) => f.label === label);
    if (!field || colon < 0) {
      problems.push({ line, message: `"# ${cell}" is not a header field (expected "# label: value")` });
      continue;
    }
    if (seen.has(label)) problems.push({ line, message: `header field "${label}" appears twice` });
    seen.add(label);
    const problem = field.read(cell.slice(colon + 2), into);
    if (problem !== undefined) problems.push({ line, message: `${label}: ${problem}` });
  }
  for (const label of REQUIRED.filter((l) => !seen.has(l))) {
    problems.push({ message: `the header field "# ${label}: ..." is missing` });
  }
  return { header: { ...into, version: REPORT_VERSION } as Omit<OffsetReport, 'partitions'>, problems };
}

// OWASP's CSV injection advice: a text cell starting with one of these is a formula to a
// spreadsheet, so it is written with a leading apostrophe. A cell that starts with an apostrophe
// gets one too, so reading strips exactly one and gets the text back.
const FORMULA_START = /^[=+\-@\t\r']/;

export const neutralizeCell = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);
export const restoreCell = (value: string): string => (value.startsWith("'") ? value.slice(1) : value);

/** A detailed CSV row (cells in REPORT_COLUMNS order) as a report partition; a problem names the column. */
export function readPartitionRow(cells: readonly string[]): ReportPartition | string {
  const [topic, partition, , checkpointed, committed, logStart, logEnd, lag, timestamp] = cells.map(restoreCell);
  const number = (name: string, value: string, nullable: boolean): number | null | string => {
    if (value === '' && nullable) return null;
    return /^\d+$/.test(value) && Number.isSafeInteger(Number(value))
      ? Number(value)
      : `${name} "${value}" is not a number`;
  };
  const fields = {
    checkpointedOffset: number('checkpointed_offset', checkpointed!, true),
    committedOffset: number('committed_offset', committed!, true),
    logStartOffset: number('log_start_offset', logStart!, false),
    logEndOffset: number('log_end_offset', logEnd!, false),
    lag: number('lag', lag!, true),
  };
  const wrong = Object.values(fields).find((v) => typeof v === 'string');
  if (typeof wrong === 'string') return wrong;
  const timestampAtOffset = timestamp === '' ? null : fromIso(timestamp!);
  if (timestampAtOffset === undefined) return `timestamp_at_offset "${timestamp}" is not a time`;
  return {
    topic: topic!,
    partition: Number(partition),
    ...(fields as Omit<ReportPartition, 'topic' | 'partition' | 'timestampAtOffset'>),
    timestampAtOffset,
  };
}

/** A detailed CSV row's cells, in REPORT_COLUMNS order, text neutralized. */
export function writePartitionRow(cells: readonly (string | number | null)[]): (string | number)[] {
  return cells.map((cell) => (cell === null ? '' : typeof cell === 'string' ? neutralizeCell(cell) : cell));
}
