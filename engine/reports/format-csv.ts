import { stringify } from 'csv-stringify/sync';
import { headerRecords, writePartitionRow } from './detailed-csv.js';
import { REPORT_COLUMNS } from './report-columns.js';
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

/**
 * Every column, with the report's header fields as quoted `"# label: value"` records above the
 * header row (detailed-csv.ts). Text cells that a spreadsheet would run as a formula are neutralized.
 */
export function formatDetailedCsv(report: OffsetReport): string {
  const header = stringify(headerRecords(report), { quoted: true, record_delimiter: 'unix' });
  const body = stringify(
    report.partitions.map((row) => writePartitionRow(REPORT_COLUMNS.map((column) => column.value(report, row)))),
    { header: true, columns: REPORT_COLUMNS.map((c) => c.key), record_delimiter: 'unix' },
  );
  return `${DETAILED_CSV_MARK}\n${header}${body}`;
}
