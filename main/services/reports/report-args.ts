// The reports service's IPC arguments: one schema each, shared by the contract and the service.
import { z } from 'zod';
import { REPORT_FORMATS } from '../../../engine/reports/report-formats';

const name = z.string().min(1);
/** The longest report text a call may carry, in UTF-16 code units (the transports size to it). */
export const MAX_REPORT_TEXT_CHARS = 64 * 1024 * 1024;
/** A report file's text as the renderer read it; bounded so a wrong pick cannot exhaust main. */
const reportText = z.string().max(MAX_REPORT_TEXT_CHARS, 'the file is larger than 64 MiB');

export const reportExportArgsSchema = z
  .object({
    kind: z.enum(['job', 'group']),
    /** The job's or the group's name. */
    name,
    /** The cluster profile; for a job, default: the job's source cluster. */
    cluster: name.optional(),
    /** A job's checkpoint; default: its latest. */
    checkpointId: z.number().int().positive().optional(),
    format: z.enum(REPORT_FORMATS),
    timestamps: z.boolean().default(true),
    /** Echoed in `reports:progress` events so the dialog follows only its own export. */
    requestId: name.optional(),
  })
  .strict();
export type ReportExportArgs = z.output<typeof reportExportArgsSchema>;

export const reportParseArgsSchema = z.object({ fileName: name, text: reportText }).strict();
export type ReportParseArgs = z.output<typeof reportParseArgsSchema>;

export const reportApplyArgsSchema = z
  .object({
    fileName: name,
    text: reportText,
    cluster: name,
    groupId: name,
    clamp: z.boolean().default(false),
    /** On apply: the preview's rows; refused if the group's committed offsets moved since. */
    expected: z
      .array(
        z.object({ topic: z.string(), partition: z.number().int(), current: z.number().int().nullable() }).strict(),
      )
      .optional(),
  })
  .strict();
export type ReportApplyArgs = z.output<typeof reportApplyArgsSchema>;

export const reportRestoreJobArgsSchema = z.object({ fileName: name, text: reportText, job: name }).strict();
export type ReportRestoreJobArgs = z.output<typeof reportRestoreJobArgsSchema>;

/** An exported report, ready for saveFile. */
export interface ExportedReport {
  suggestedName: string;
  mime: string;
  encoding: 'utf8' | 'base64';
  content: string;
  partitions: number;
  totalLag: number;
  warnings: string[];
}

/** A parsed import: what it would apply. */
export interface ParsedReportInfo {
  format: 'json' | 'csv' | 'offsets-csv';
  offsets: { topic: string; partition: number; offset: number }[];
  /** From a JSON report: who and when it describes. */
  source?: {
    kind: 'job' | 'group';
    job: string | null;
    groupId: string | null;
    checkpointId: number | null;
    takenAt: number;
    cluster: string;
  };
}

export interface ReportProgressEvent {
  requestId: string;
  stage: 'offsets' | 'timestamps' | 'rendering' | 'done';
  partitions: number;
}

export interface RestoredJobInfo {
  job: string;
  checkpointId: number;
  offsets: number;
}
