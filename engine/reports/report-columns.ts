import { reportOffset, type OffsetReport, type ReportPartition } from './report-schema.js';

export interface ReportColumn {
  /** CSV header. */
  key: string;
  /** Column title in the printable report. */
  title: string;
  value(report: OffsetReport, row: ReportPartition): string | number | null;
  /** How the printable report shows a missing value (the CSV leaves it empty); default "-". */
  missing?: string;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

// The detailed CSV's columns, in order; the printable report's table uses the same catalogue.
// `offset` is the one the report stands for (see reportOffset), so every format agrees on it.
export const REPORT_COLUMNS: readonly ReportColumn[] = [
  { key: 'topic', title: 'Topic', value: (_, r) => r.topic },
  { key: 'partition', title: 'Partition', value: (_, r) => r.partition },
  { key: 'offset', title: 'Offset', value: (report, r) => reportOffset(report, r) },
  { key: 'checkpointed_offset', title: 'Checkpointed', value: (_, r) => r.checkpointedOffset },
  { key: 'committed_offset', title: 'Committed', value: (_, r) => r.committedOffset },
  { key: 'log_start_offset', title: 'Log start', value: (_, r) => r.logStartOffset },
  { key: 'log_end_offset', title: 'Log end', value: (_, r) => r.logEndOffset },
  { key: 'lag', title: 'Lag', value: (_, r) => r.lag },
  {
    key: 'timestamp_at_offset',
    title: 'Timestamp at offset',
    value: (_, r) => iso(r.timestampAtOffset),
    missing: 'unknown',
  },
];

/** The report's header fields as `label: value` pairs, for the detailed CSV and the printable report. */
export function headerFields(report: OffsetReport): [string, string][] {
  return [
    ['kind', report.kind],
    ['cluster', report.cluster],
    ...(report.job === null ? [] : [['job', report.job] as [string, string]]),
    ['group', report.groupId ?? 'unknown'],
    ['checkpoint', report.checkpointId === null ? 'none' : String(report.checkpointId)],
    ...(report.checkpointTakenAt === null
      ? []
      : [['checkpoint taken at', iso(report.checkpointTakenAt)!] as [string, string]]),
    ['report taken at', iso(report.takenAt)!],
    ['sluice version', report.sluiceVersion],
  ];
}
