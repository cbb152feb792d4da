import { stringify } from 'csv-stringify/sync';
import { headerFields, REPORT_COLUMNS } from './report-columns.js';
import { reportOffset, REPORT_VERSION, type OffsetReport } from './report-schema.js';

/**
 * `topic,partition,offset` lines without a header: the file `kafka-consumer-groups --reset-offsets
 * --from-file` reads (a header line would fail its number parsing). Partitions without an offset
 * are left out: the tool has no way to say "none".
 */
export function formatOffsetsCsv(report: OffsetReport): string {
  const rows = report.partitions.flatMap((row) => {
    const offset = reportOffset(report, row);
    return offset === null ? [] : [[row.topic, row.partition, offset]];
  });
  return stringify(rows, { record_delimiter: 'unix' });
}

/** Magic first line of the detailed CSV, so an import knows what it reads. */
export const DETAILED_CSV_MARK = `# sluice offset report v${REPORT_VERSION}`;

/** Every column, with the report's header as `# label: value` comment lines above the header row. */
export function formatDetailedCsv(report: OffsetReport): string {
  const header = [DETAILED_CSV_MARK, ...headerFields(report).map(([label, value]) => `# ${label}: ${value}`)];
  const body = stringify(
    report.partitions.map((row) => REPORT_COLUMNS.map((column) => column.value(report, row) ?? '')),
    { header: true, columns: REPORT_COLUMNS.map((c) => c.key), record_delimiter: 'unix' },
  );
  return `${header.join('\n')}\n${body}`;
}
