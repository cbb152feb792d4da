// The line above a browse's records: how many, and with a filter or search what the scan went through.
import type { BrowseResult, ScanSummary } from '../../../../main/ipc/contract';
import { count } from '../jobs/format';

const ENDS: Record<ScanSummary['stoppedAt'], string> = {
  end: 'read to the end of the range',
  'scan-limit': 'stopped at the scan limit',
  timeout: 'stopped when the time ran out',
};

export function browseSummary(result: BrowseResult): string {
  const shown = `${count(result.records.length)} records`;
  if (!result.scan) return `${shown}; click one or use the arrow keys to see it whole.`;
  const { read, matched, stoppedAt, failed, firstError } = result.scan;
  const parts = [`${count(matched)} matched of ${count(read)} read (${ENDS[stoppedAt]})`];
  if (matched > result.records.length) parts.push(`showing ${shown}`);
  if (failed > 0) parts.push(`the filter failed on ${count(failed)}: ${firstError ?? 'unknown error'}`);
  return `${parts.join('; ')}.`;
}

/** The character a JSONata error names (`invalid JSONata expression at 7: …`), for a marker under the field. */
export function expressionErrorPosition(message: string): number | undefined {
  const match = /invalid JSONata expression at (\d+)/.exec(message);
  return match ? Number(match[1]) : undefined;
}
