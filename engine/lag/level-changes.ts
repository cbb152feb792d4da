import type { GroupEvaluation, LagLevel, LevelChange } from './lag-status.js';

/**
 * The groups whose level differs from the last cycle's. A group seen for the first time (every group
 * at the first cycle) is a change only when it is not OK; a group gone from the cycle is forgotten.
 */
export function levelChanges(
  cluster: string,
  previous: ReadonlyMap<string, LagLevel>,
  groups: readonly GroupEvaluation[],
  at: number,
): LevelChange[] {
  const changes: LevelChange[] = [];
  for (const g of groups) {
    const from = previous.get(g.groupId) ?? null;
    if (from === g.level || (from === null && g.level === 'OK')) continue;
    changes.push({ cluster, groupId: g.groupId, from, to: g.level, status: g.status, at });
  }
  return changes;
}
