import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { syncDirectory, TEMP_SUFFIX } from '../checkpoints/atomic-file.js';
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

/**
 * Writes bytes so that the target holds either its old content or the whole report: a temp file
 * beside it, fsynced, renamed over it. (checkpoints/atomic-file.ts does the same for UTF-8 text.)
 */
export async function writeReportFile(path: string, bytes: Buffer): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    await syncDirectory(dirname(path));
  } catch (error) {
    await rm(temp, { force: true });
    throw new SluiceError(`cannot write the report to ${path}: ${(error as Error).message}`, {
      hintId: 'file-access',
      cause: error,
      details: { file: path },
    });
  }
}
