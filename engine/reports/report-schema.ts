import { z } from 'zod';

// One versioned schema for the JSON report. Exports are written with it and imports are checked
// against it, so a report Sluice wrote always reads back and a hand-edited one is refused whole.
// A new version adds a schema and an upgrade, as checkpoint files do; version 1 stays readable.
export const REPORT_VERSION = 1;

const offset = z.number().int().nonnegative();

export const reportPartitionSchema = z
  .object({
    topic: z.string().min(1),
    partition: z.number().int().nonnegative(),
    /** The job's next offset in the checkpoint; null in group reports and for partitions the checkpoint lacks. */
    checkpointedOffset: offset.nullable(),
    /** The group's committed offset; null where it committed nothing. */
    committedOffset: offset.nullable(),
    logStartOffset: offset,
    logEndOffset: offset,
    /** Records still to read from the report's offset; null without one. */
    lag: offset.nullable(),
    /** Timestamp (ms) of the record at the report's offset; null where unknown (no record there yet, or not fetched). */
    timestampAtOffset: z.number().int().nullable(),
  })
  .strict();
export type ReportPartition = z.infer<typeof reportPartitionSchema>;

export const offsetReportSchema = z
  .object({
    version: z.literal(REPORT_VERSION),
    kind: z.enum(['job', 'group']),
    /** A profile name or the bootstrap servers. */
    cluster: z.string().min(1),
    job: z.string().min(1).nullable(),
    groupId: z.string().min(1).nullable(),
    checkpointId: z.number().int().positive().nullable(),
    checkpointTakenAt: z.number().int().nonnegative().nullable(),
    /** When the report was taken (ms since epoch). */
    takenAt: z.number().int().nonnegative(),
    sluiceVersion: z.string().min(1),
    partitions: z.array(reportPartitionSchema),
  })
  .strict();
export type OffsetReport = z.infer<typeof offsetReportSchema>;

/** The JSON Schema of version-1 reports, for other tools (kept in docs/report-schema.json). */
export function reportJsonSchema(): Record<string, unknown> {
  return {
    title: 'Sluice offset report, version 1',
    ...z.toJSONSchema(offsetReportSchema, { io: 'input', unrepresentable: 'any' }),
  };
}

/**
 * The offset a report stands for, per partition: a job's checkpointed offset (where its next run
 * starts), a group's committed offset. This is what the offsets CSV holds and what an import applies.
 */
export function reportOffset(report: Pick<OffsetReport, 'kind'>, row: ReportPartition): number | null {
  return report.kind === 'job' ? row.checkpointedOffset : row.committedOffset;
}

/** Records between the offset and the log end; an offset below the log start counts from the start. */
export function lagFrom(offsetValue: number | null, logStart: number, logEnd: number): number | null {
  return offsetValue === null ? null : Math.max(0, logEnd - Math.max(offsetValue, logStart));
}

export interface ReportSummary {
  partitions: number;
  totalLag: number;
  /** Partitions without an offset in the report. */
  withoutOffset: number;
  maxLag: { topic: string; partition: number; lag: number } | null;
}

export function summarize(report: OffsetReport): ReportSummary {
  let totalLag = 0;
  let withoutOffset = 0;
  let maxLag: ReportSummary['maxLag'] = null;
  for (const row of report.partitions) {
    if (reportOffset(report, row) === null) withoutOffset++;
    if (row.lag === null) continue;
    totalLag += row.lag;
    if (!maxLag || row.lag > maxLag.lag) maxLag = { topic: row.topic, partition: row.partition, lag: row.lag };
  }
  return { partitions: report.partitions.length, totalLag, withoutOffset, maxLag };
}
