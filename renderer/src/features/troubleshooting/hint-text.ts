import type { HintSummary } from '../../../../main/ipc/contract';

/** A catalogue text split at its `backticks`: code parts are setting names, values or commands. */
export function textParts(text: string): { text: string; code: boolean }[] {
  return text
    .split('`')
    .map((part, index) => ({ text: part, code: index % 2 === 1 }))
    .filter((part) => part.text.length > 0);
}

const RANK = { critical: 0, warning: 1, info: 2 } as const;

/** The mark before a hint's line: shape as well as colour, so severity reads without colour. */
export const SEVERITY_MARK: Record<HintSummary['severity'], string> = { critical: '✖', warning: '▲', info: 'ℹ' };

/** Worst first; within a severity, active before inactive, then the most recently seen. */
export function orderHints(hints: readonly HintSummary[]): HintSummary[] {
  return [...hints].sort(
    (a, b) => RANK[a.severity] - RANK[b.severity] || Number(b.active) - Number(a.active) || b.lastAt - a.lastAt,
  );
}

/** What the job list marks: how many hints are active, and the worst of their severities. */
export function activeSummary(
  hints: readonly HintSummary[] | undefined,
): { count: number; severity: HintSummary['severity'] } | undefined {
  const active = (hints ?? []).filter((h) => h.active);
  if (active.length === 0) return undefined;
  const worst = active.reduce((a, b) => (RANK[b.severity] < RANK[a.severity] ? b : a));
  return { count: active.length, severity: worst.severity };
}
