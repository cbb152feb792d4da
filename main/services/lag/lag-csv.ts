import { stringify } from 'csv-stringify/sync';
import { neutralizeCell } from '../../../engine/reports/detailed-csv';
import type { LagHistoryReply } from '../../../engine/lag/host/lag-host-protocol';
import { levelOf } from '../../../engine/lag/lag-status';

// A group's lag history as CSV: one row per stored point, the group's total first at each time, then
// its partitions. Names a spreadsheet would run as a formula get a leading apostrophe (engine/reports).

export const LAG_CSV_COLUMNS = [
  'time',
  'time_ms',
  'cluster',
  'group',
  'topic',
  'partition',
  'status',
  'level',
  'lag',
  'time_lag_ms',
  'committed_offset',
  'log_end_offset',
  'last_commit',
] as const;

type Cell = string | number | null;

export function lagHistoryCsv(
  cluster: string,
  history: LagHistoryReply & { group: string },
): { content: string; rows: number } {
  const text = (value: string) => neutralizeCell(value);
  const rows: { at: number; order: number; cells: Cell[] }[] = [];
  for (const g of history.groups) {
    rows.push({
      at: g.at,
      order: 0,
      cells: [
        g.at,
        text(cluster),
        text(history.group),
        '',
        '',
        g.status,
        g.level,
        g.totalLag,
        g.maxTimeLagMs,
        '',
        '',
        '',
      ],
    });
  }
  for (const p of history.partitions) {
    rows.push({
      at: p.at,
      order: 1,
      cells: [
        p.at,
        text(cluster),
        text(history.group),
        text(p.topic),
        p.partition,
        p.status,
        levelOf(p.status),
        p.lag,
        p.timeLagMs,
        p.offset,
        p.logEnd,
        p.lastCommitAt === null ? '' : new Date(p.lastCommitAt).toISOString(),
      ],
    });
  }
  rows.sort((a, b) => a.at - b.at || a.order - b.order);
  const content = stringify(
    rows.map((r) => [new Date(r.at).toISOString(), ...r.cells]),
    { header: true, columns: [...LAG_CSV_COLUMNS], record_delimiter: 'unix' },
  );
  return { content, rows: rows.length };
}
