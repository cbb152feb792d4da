// What a group offset reset is asked for and what it would do. Plain data: the plan is shown as a
// preview, sent over IPC, printed by the CLI, and applied later by `applyGroupReset`.

export type ResetTo =
  | { kind: 'earliest' }
  | { kind: 'latest' }
  /** The first record at or after this time (ms since epoch); the log end where none is that new. */
  | { kind: 'timestamp'; timestamp: number }
  | { kind: 'specific'; offsets: { topic: string; partition: number; offset: number }[] };

export interface ResetRequest {
  groupId: string;
  to: ResetTo;
  /** Only these topics; default: the topics the group has committed offsets for. Filters `specific` too. */
  topics?: string[];
  /** A specific offset outside [log start, log end]: refused (default) or clamped with a note. */
  outOfRange?: 'refuse' | 'clamp';
}

export interface ResetPlanRow {
  topic: string;
  partition: number;
  /** The group's committed offset now; null where it has none. */
  current: number | null;
  target: number;
  logStart: number;
  logEnd: number;
  lagBefore: number | null;
  lagAfter: number;
  /** Why the target is not simply what was asked, e.g. "clamped to log start". */
  note?: string;
}

export interface ResetPlanMember {
  memberId: string;
  clientId: string;
  host: string;
}

export interface ResetPlan {
  groupId: string;
  groupState: string;
  activeMembers: number;
  /** The active members when the plan was made (an apply refuses while there are any). */
  members?: ResetPlanMember[];
  rows: ResetPlanRow[];
  createdAt: number;
}
