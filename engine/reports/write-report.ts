import { writeFileAtomic } from '../checkpoints/atomic-file.js';
import { SluiceError } from '../errors/index.js';
import { formatDetailedCsv, formatOffsetsCsv } from './format-csv.js';
import { formatHtmlReport } from './format-html.js';
import { formatJsonReport } from './format-json.js';
import type { PdfPrinter } from './render-pdf.js';
import { REPORT_FORMAT_INFO, type ReportFormat } from './report-formats.js';
import type { OffsetReport } from './report-schema.js';

/** The report in one format; text formats as UTF-8 bytes. PDF needs a printer. */
export async function renderReport(report: OffsetReport, format: ReportFormat, printPdf?: PdfPrinter): Promise<Buffer> {
  switch (format) {
    case 'offsets-csv':
      return Buffer.from(formatOffsetsCsv(report));
    case 'csv':
      return Buffer.from(formatDetailedCsv(report));
    case 'json':
      return Buffer.from(formatJsonReport(report));
    case 'html':
      return Buffer.from(formatHtmlReport(report));
    case 'pdf':
      if (!printPdf) throw new SluiceError('PDF export is not available here: no printer', { hintId: 'file-access' });
      return printPdf(formatHtmlReport(report));
  }
}

/** A suggested file name: `sluice-job-orders-replay-cp42.json`. */
export function reportFileName(report: OffsetReport, format: ReportFormat): string {
  const subject = report.kind === 'job' ? `job-${report.job}` : `group-${report.groupId}`;
  const cp = report.checkpointId === null ? '' : `-cp${report.checkpointId}`;
  const suffix = format === 'offsets-csv' ? '-offsets' : '';
  const safe = `${subject}${cp}${suffix}`.replace(/[^A-Za-z0-9._-]/g, '_');
  return `sluice-${safe}.${REPORT_FORMAT_INFO[format].extension}`;
}

/** Writes the report whole or not at all (temp file, fsync, rename; see checkpoints/atomic-file.ts). */
export async function writeReportFile(path: string, bytes: Buffer): Promise<void> {
  try {
    await writeFileAtomic(path, bytes);
  } catch (error) {
    throw new SluiceError(`cannot write the report to ${path}: ${(error as Error).message}`, {
      hintId: 'file-access',
      cause: error,
      details: { file: path },
    });
  }
}
