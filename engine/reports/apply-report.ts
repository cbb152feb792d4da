import type { Admin } from 'kafkajs';
import { applyGroupReset, planGroupReset, type ResetPlan } from '../groups/group-reset.js';
import type { ParsedReport } from './parse-report.js';

/**
 * The change a report would make to a group, partition by partition, without making it. The group
 * reset planner refuses topics or partitions that do not exist, so a wrong report fails here.
 */
export async function previewReportApply(
  admin: Admin,
  groupId: string,
  parsed: ParsedReport,
  options: { clamp?: boolean } = {},
): Promise<ResetPlan> {
  const topics = [...new Set(parsed.offsets.map((o) => o.topic))];
  return planGroupReset(admin, {
    groupId,
    to: {
      kind: 'specific',
      offsets: parsed.offsets.map(({ topic, partition, offset }) => ({ topic, partition, offset })),
    },
    topics,
    // Offsets outside the log (retention moved on since the report) are refused unless asked to clamp.
    outOfRange: options.clamp ? 'clamp' : 'refuse',
  });
}

/** Applies a previewed plan; refused (nothing written) while the group has active members. */
export async function applyReportPlan(admin: Admin, plan: ResetPlan): Promise<void> {
  await applyGroupReset(admin, plan);
}
