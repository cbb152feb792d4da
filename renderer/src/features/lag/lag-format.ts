// How lag reads in the console: time lag as a person says it ("4m 10s"), and a group's status
// with its partitions' statuses for a tooltip.
import type { GroupEvaluation } from '../../../../engine/lag/lag-status';

/** "950ms", "42s", "4m 10s", "3h 5m", "2d 4h"; "–" when unknown. Two units at most. */
export function timeLag(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '–';
  if (ms < 1_000) return `${Math.max(0, Math.round(ms))}ms`;
  const s = Math.floor(ms / 1_000);
  const units: [number, string][] = [
    [86_400, 'd'],
    [3_600, 'h'],
    [60, 'm'],
    [1, 's'],
  ];
  const parts: string[] = [];
  let rest = s;
  for (const [size, unit] of units) {
    if (parts.length === 2) break;
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || parts.length > 0) parts.push(`${n}${unit}`);
  }
  return parts.filter((p, i) => i === 0 || !p.startsWith('0')).join(' ');
}

/** One line per partition that is not OK (all OK: says so), for the status badge's tooltip. */
export function partitionStatusText(group: GroupEvaluation): string {
  const troubled = group.partitions.filter((p) => p.status !== 'OK');
  const lines = troubled.map((p) => `${p.topic}[${p.partition}] ${p.status}, lag ${p.lag}`);
  const ok = group.partitions.length - troubled.length;
  if (ok > 0) lines.push(`${ok} partition${ok === 1 ? '' : 's'} OK`);
  if (group.complete < 1) lines.push(`windows ${Math.round(group.complete * 100)}% full`);
  return lines.join('\n') || 'no partitions';
}
