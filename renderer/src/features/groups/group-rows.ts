// The groups overview's rows as shown: filtered by text and state, sorted by a column. Pure, so the
// table of 5,000 groups re-sorts without asking main again.
import type { GroupOverviewRow } from '../../../../main/ipc/contract';
import { statusRank, type GroupEvaluation } from '../../../../engine/lag/lag-status';

export type GroupColumn = 'group' | 'state' | 'members' | 'topics' | 'lag' | 'status' | 'timeLag' | 'lastCommit';

/** A watched cluster's latest evaluation of a group (lag monitoring), when there is one. */
export type LagLookup = (groupId: string) => GroupEvaluation | undefined;
const noLag: LagLookup = () => undefined;

export interface GroupSort {
  column: GroupColumn;
  descending: boolean;
}

/** A column's first click: numbers and times biggest (newest) first, names A to Z. */
export function firstDirection(column: GroupColumn): boolean {
  return (
    column === 'members' ||
    column === 'topics' ||
    column === 'lag' ||
    column === 'status' ||
    column === 'timeLag' ||
    column === 'lastCommit'
  );
}

/** The next sort after a click on `column`: the other direction on the same column. */
export function nextSort(current: GroupSort, column: GroupColumn): GroupSort {
  return current.column === column
    ? { column, descending: !current.descending }
    : { column, descending: firstDirection(column) };
}

/**
 * A watched group's lag is the monitor's, from its latest cycle (the overview was read once, when
 * the page opened); other groups keep the overview's.
 */
export function totalLagOf(row: GroupOverviewRow, lag: LagLookup): number | null {
  return lag(row.groupId)?.totalLag ?? row.totalLag;
}

/** The overview knows commit times only from Sluice jobs' commit tags; the monitor reads them all. */
export function lastCommitOf(row: GroupOverviewRow, lag: LagLookup): number | null {
  if (row.lastCommitAt !== null) return row.lastCommitAt;
  const times = (lag(row.groupId)?.partitions ?? []).flatMap((p) => (p.lastCommitAt === null ? [] : [p.lastCommitAt]));
  return times.length > 0 ? Math.max(...times) : null;
}

const byName = (a: GroupOverviewRow, b: GroupOverviewRow): number =>
  a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0;

function value(row: GroupOverviewRow, column: GroupColumn, lag: LagLookup): number | string | null {
  switch (column) {
    case 'status': {
      // Worst first when descending: ERR's statuses rank above WARN above OK.
      const evaluation = lag(row.groupId);
      return evaluation ? statusRank(evaluation.status) : null;
    }
    case 'timeLag':
      return lag(row.groupId)?.maxTimeLagMs ?? null;
    case 'group':
      return row.groupId;
    case 'state':
      return row.state;
    case 'members':
      return row.members;
    case 'topics':
      return row.topics.length;
    case 'lag':
      return totalLagOf(row, lag);
    case 'lastCommit':
      return lastCommitOf(row, lag);
  }
}

/**
 * Rows whose group id or a topic contains `text` (case-insensitive), in `state` when given, sorted;
 * unknown values (no lag, no commit time) go last in either direction, ties by group id.
 */
export function groupRows(
  rows: readonly GroupOverviewRow[],
  filter: { text: string; state: string },
  sort: GroupSort,
  lag: LagLookup = noLag,
): GroupOverviewRow[] {
  const needle = filter.text.trim().toLowerCase();
  const shown = rows.filter(
    (r) =>
      (filter.state === '' || r.state === filter.state) &&
      (needle === '' ||
        r.groupId.toLowerCase().includes(needle) ||
        r.topics.some((t) => t.toLowerCase().includes(needle))),
  );
  const sign = sort.descending ? -1 : 1;
  return shown.sort((a, b) => {
    const va = value(a, sort.column, lag);
    const vb = value(b, sort.column, lag);
    if (va === null || vb === null) return va === vb ? byName(a, b) : va === null ? 1 : -1;
    const order = va < vb ? -1 : va > vb ? 1 : 0;
    return order !== 0 ? sign * order : byName(a, b);
  });
}

/** The states present, for the state filter. */
export function statesOf(rows: readonly GroupOverviewRow[]): string[] {
  return [...new Set(rows.map((r) => r.state))].sort();
}

/** "12 s ago", "5 min ago", "3 h ago", "2 d ago"; "unknown" without a time. */
export function since(at: number | null, now: number): string {
  if (at === null) return 'unknown';
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}
