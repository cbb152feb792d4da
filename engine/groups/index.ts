export { applyGroupReset, planGroupReset } from './group-reset.js';
export type { ResetPlan, ResetPlanMember, ResetPlanRow, ResetRequest, ResetTo } from './reset-types.js';
export {
  decodeAssignment,
  describeGroup,
  groupActiveError,
  isGroupIdle,
  type GroupDescription,
  type GroupMember,
} from './group-members.js';
export {
  groupResetRequestSchema,
  parseOffsetLines,
  parseResetTo,
  resetTargetSchema,
  type GroupResetInput,
  type GroupResetRequest,
  type ResetTarget,
} from './reset-request.js';
export { previewDrift } from './reset-rows.js';
export { resolveResetRequest, type ResolvedRequest } from './resolve-request.js';
export {
  committedTopics,
  overviewRow,
  overviewRows,
  type GroupFacts,
  type GroupOverviewRow,
} from './groups-overview.js';
export {
  readGroupFacts,
  readGroupsOverview,
  readLogBounds,
  type GroupsOverview,
  type OverviewCost,
  type OverviewProgress,
} from './groups-overview-read.js';
