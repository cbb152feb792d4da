import type { ReportProgressEvent } from '../../../../main/ipc/contract';
import { REPORT_FORMAT_INFO, REPORT_FORMATS, type ReportFormat } from '../../../../engine/reports/report-formats';

export { REPORT_FORMAT_INFO, REPORT_FORMATS, type ReportFormat };

/** What the export dialog says while main gathers a report. */
export function progressText(event: ReportProgressEvent | undefined): string {
  if (!event) return 'Connecting to the cluster…';
  switch (event.stage) {
    case 'offsets':
      return `Reading offsets of ${event.partitions} partition(s)…`;
    case 'timestamps':
      return `Reading the record timestamp at ${event.partitions} offset(s)…`;
    case 'done':
    case 'rendering':
      return `Writing the report of ${event.partitions} partition(s)…`;
  }
}

/** An id that ties progress events to the export that asked for them. */
export function newRequestId(random: () => number = Math.random): string {
  return `report-${Date.now().toString(36)}-${Math.floor(random() * 1e9).toString(36)}`;
}

export interface ImportProblem {
  where: string;
  message: string;
}

/** The problems main named (`line 7: ...`), or the error's message when it named none. */
export function importProblems(error: unknown): ImportProblem[] {
  const problems = (error as { problems?: { path: string; message: string }[] }).problems;
  if (problems && problems.length > 0) return problems.map((p) => ({ where: p.path, message: p.message }));
  return [{ where: '', message: error instanceof Error ? error.message : String(error) }];
}
