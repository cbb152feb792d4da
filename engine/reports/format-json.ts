import { offsetReportSchema, type OffsetReport } from './report-schema.js';

/** The versioned JSON report, checked against the same schema imports are read with. */
export function formatJsonReport(report: OffsetReport): string {
  return `${JSON.stringify(offsetReportSchema.parse(report), null, 2)}\n`;
}
