// The record browser's IPC arguments: one schema each, shared by the contract and the service.
import { z } from 'zod';
import { jsonataExpressionSchema } from '../../../engine/spec/job-spec';
import { produceRequestSchema } from '../../../engine/produce/produce-request';

const name = z.string().min(1);

const browseFromSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('earliest') }).strict(),
  z.object({ mode: z.literal('latest') }).strict(),
  z.object({ mode: z.literal('timestamp'), timestamp: z.number().int().nonnegative() }).strict(),
  z.object({ mode: z.literal('offset'), offset: z.number().int().nonnegative() }).strict(),
]);
export type BrowseFrom = z.infer<typeof browseFromSchema>;

/** The most records one filtered browse may read; bounds the time and memory a scan takes in main. */
export const MAX_SCAN_RECORDS = 100_000;
export const DEFAULT_SCAN_RECORDS = 10_000;

export const browseArgsSchema = z
  .object({
    cluster: name,
    topic: name,
    /** One partition, or all when absent. */
    partition: z.number().int().nonnegative().optional(),
    from: browseFromSchema,
    /** Bounded: at most this many records in all. */
    limit: z.number().int().min(1).max(1000).default(50),
    /**
     * A JSONata expression over {key, value, headers, timestamp, partition, offset} of each record
     * read (value parsed when it is JSON); a record is shown when it is true. Checked before reading.
     */
    filter: jsonataExpressionSchema.optional(),
    /** Shown only when the key or the value holds this text, case-insensitively (with the filter: both). */
    search: z.string().optional(),
    /** With a filter or search: read at most this many records to find matches (default DEFAULT_SCAN_RECORDS). */
    scanLimit: z.number().int().min(1).max(MAX_SCAN_RECORDS).optional(),
  })
  .strict();
export type BrowseArgs = z.output<typeof browseArgsSchema>;

/** How a scan ended: it read its whole range, stopped at `scanLimit`, or ran out of time. */
export type ScanEnd = 'end' | 'scan-limit' | 'timeout';

/** What a filtered or searched browse went through, for "M matched of N read". */
export interface ScanSummary {
  read: number;
  matched: number;
  stoppedAt: ScanEnd;
  /** Records the filter could not evaluate (counted as not matched), with the first one's error. */
  failed: number;
  firstError?: string;
}

const browsedBytesSchema = z
  .object({ base64: z.string(), text: z.string().nullable(), size: z.number().int().nonnegative() })
  .strict();

export const browsedRecordSchema = z
  .object({
    partition: z.number().int().nonnegative(),
    offset: z.number().int().nonnegative(),
    timestamp: z.number().int(),
    key: browsedBytesSchema.nullable(),
    value: browsedBytesSchema.nullable(),
    headers: z.array(z.tuple([z.string(), browsedBytesSchema.nullable()])),
  })
  .strict();

export const RECORD_EXPORT_FORMATS = ['ndjson', 'csv'] as const;
export type RecordExportFormat = (typeof RECORD_EXPORT_FORMATS)[number];

/** `topics:export`: the records in view, formatted in main; the renderer saves the file (save-file.ts). */
export const recordExportArgsSchema = z
  .object({
    topic: name,
    format: z.enum(RECORD_EXPORT_FORMATS),
    records: z.array(browsedRecordSchema).max(1000),
  })
  .strict();
export type RecordExportArgs = z.output<typeof recordExportArgsSchema>;

/** An export ready for saveFile. */
export interface ExportedRecords {
  suggestedName: string;
  mime: string;
  content: string;
  records: number;
}

export const produceArgsSchema = z.object({ cluster: name, record: produceRequestSchema }).strict();
export type ProduceArgs = z.output<typeof produceArgsSchema>;
