import type { HintId } from '../errors/hint-ids.js';

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * One thing lint or a health check found: which rule, the troubleshooting hint that explains it,
 * how bad it is, the exact setting and value, where it lives and what to change.
 */
export interface Finding {
  ruleId: string;
  hintId: HintId;
  severity: Severity;
  /** Names the setting and its value: `sink.acks is 1: ...`. */
  message: string;
  /** A spec path (`sink.acks`) or a cluster place (`topic orders config min.insync.replicas`). */
  where: string;
  remedy: string;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export function severityRank(severity: Severity): number {
  return RANK[severity];
}

/** Most severe first, then by where, so reports read the same every time. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => RANK[b.severity] - RANK[a.severity] || a.where.localeCompare(b.where) || a.ruleId.localeCompare(b.ruleId),
  );
}

export function worstSeverity(findings: readonly Finding[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const finding of findings)
    if (worst === undefined || RANK[finding.severity] > RANK[worst]) worst = finding.severity;
  return worst;
}
