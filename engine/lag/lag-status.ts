// The one vocabulary of lag monitoring (issue 19): statuses, commit windows, evaluations and
// cycles. The evaluator (evaluate.ts), the monitor, the history store, the CLI (`sluice lag`) and
// the console import these; nothing else defines them.

/** A partition's verdict, Burrow's names. STOP, STALL and REWIND are errors. */
export const PARTITION_STATUSES = ['OK', 'WARN', 'STOP', 'STALL', 'REWIND'] as const;
export type PartitionStatus = (typeof PARTITION_STATUSES)[number];

/** What a group (or partition) is shown as: its worst partition, errors folded into ERR. */
export const LAG_LEVELS = ['OK', 'WARN', 'ERR'] as const;
export type LagLevel = (typeof LAG_LEVELS)[number];

/** Worse statuses rank higher; a group is its highest-ranked partition. */
export function statusRank(status: PartitionStatus): number {
  return PARTITION_STATUSES.indexOf(status);
}

export function levelOf(status: PartitionStatus): LagLevel {
  if (status === 'OK') return 'OK';
  return status === 'WARN' ? 'WARN' : 'ERR';
}

/** The exit code of `sluice lag check`: 0 OK, 1 WARN, 2 ERR. */
export function levelExitCode(level: LagLevel): 0 | 1 | 2 {
  return LAG_LEVELS.indexOf(level) as 0 | 1 | 2;
}

/** One commit the monitor saw for a partition. */
export interface CommitSample {
  /** The committed offset (the next record the group will read). */
  offset: number;
  /** When it was committed (or, where the commit time cannot be read, first seen), ms since the epoch. */
  at: number;
  /** Records behind at that commit: the log end offset known then minus `offset`, never below 0. */
  lag: number;
}

/** What evaluating a partition needs: its last commits, oldest first, and where its log ends now. */
export interface PartitionWindow {
  topic: string;
  partition: number;
  /** At most the window size, oldest first. */
  commits: readonly CommitSample[];
  /** The partition's log end offset now (the offset the next produced record gets). */
  logEnd: number;
}

export interface PartitionEvaluation {
  topic: string;
  partition: number;
  status: PartitionStatus;
  /** Records behind now: log end minus the last commit (0 without commits). */
  lag: number;
  /** How far behind in time: now minus the timestamp of the record at the committed offset; null when
   *  unknown or not behind. */
  timeLagMs: number | null;
  /** The last commit's offset and time, when there is one. */
  offset: number | null;
  lastCommitAt: number | null;
  logEnd: number;
  /** Commits in the window over the window size, 0..1. */
  complete: number;
}

export interface GroupEvaluation {
  groupId: string;
  /** The worst partition's status (OK with no partitions). */
  status: PartitionStatus;
  level: LagLevel;
  /** Sum of the partitions' lag. */
  totalLag: number;
  /** The largest partition time lag, or null when none is known. */
  maxTimeLagMs: number | null;
  /** Share of partitions whose window is full, 0..1 (1 with no partitions). */
  complete: number;
  partitions: PartitionEvaluation[];
}

/** What one monitor cycle cost: measured, reported by `sluice lag watch --json` and the bench. */
export interface CycleCost {
  /** Kafka requests sent (OffsetFetch, ListOffsets, DescribeGroups, Metadata, Fetch...). */
  requests: number;
  durationMs: number;
  /** CPU time of the process during the cycle (user + system). */
  cpuMs: number;
  /** Heap used after the cycle. */
  heapUsedBytes: number;
}

/** Everything one cycle evaluated, for one cluster. */
export interface LagCycle {
  /** The cluster profile's name. */
  cluster: string;
  /** When the cycle's facts were read, ms since the epoch. */
  at: number;
  groups: GroupEvaluation[];
  cost: CycleCost;
  /** Where the cycle's commits came from (the monitor sets it; absent in stored cycles of old). */
  commitSource?: CommitSource;
  /** Why commits are polled, when they are. */
  commitSourceNote?: string;
}

/**
 * Where a monitor's commits come from: the commit events in __consumer_offsets (with their commit
 * times), or, where that topic cannot be read (ACLs), the committed offsets polled each cycle: a commit
 * is then a changed offset, timed at the cycle, and a group committing the same offset again (STALL)
 * looks like one not committing (STOP).
 */
export const COMMIT_SOURCES = ['commit-log', 'polled'] as const;
export type CommitSource = (typeof COMMIT_SOURCES)[number];

/** A group whose level changed between two cycles (the first cycle reports every non-OK group). */
export interface LevelChange {
  cluster: string;
  groupId: string;
  from: LagLevel | null;
  to: LagLevel;
  status: PartitionStatus;
  at: number;
}

/** Monitor settings; the defaults are the issue's. */
export const LAG_DEFAULTS = {
  intervalMs: 30_000,
  /** Commits per partition window (Burrow's `intervals`). */
  windowSize: 10,
  /** How long history is kept. */
  retentionDays: 14,
} as const;

/** A group's row in the history: one per cycle at full resolution, one per roll-up bucket later. */
export interface GroupHistoryPoint {
  at: number;
  /** The worst status seen in the point (a roll-up keeps the worst). */
  status: PartitionStatus;
  level: LagLevel;
  /** The lag at the point (a roll-up keeps the largest). */
  totalLag: number;
  maxTimeLagMs: number | null;
}

/** A partition's row in the history. */
export interface PartitionHistoryPoint {
  at: number;
  topic: string;
  partition: number;
  status: PartitionStatus;
  lag: number;
  timeLagMs: number | null;
  offset: number | null;
  logEnd: number;
  /** The last commit's time (as in PartitionEvaluation): with `offset`, what tells one commit from the next. */
  lastCommitAt: number | null;
}

/** A time range, ms since the epoch, both ends included. */
export interface TimeRange {
  from: number;
  to: number;
}

/** The ranges the console offers for history charts. */
export const HISTORY_RANGES = { hour: 3_600_000, day: 86_400_000, '2 weeks': 14 * 86_400_000 } as const;
export type HistoryRangeName = keyof typeof HISTORY_RANGES;
