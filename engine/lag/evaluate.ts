// Burrow's evaluation rules over a sliding window of commits, with no fixed thresholds. The rules,
// in the order they are applied to a partition (README "Lag monitoring" lists them with cases):
//  1. no commits                                   -> OK (nothing to judge)
//  2. lag now is zero                              -> OK
//  3. time since the last commit exceeds the window's span (last commit time minus first), and the log
//     end has moved past the last commit           -> STOP
//  4. some commit in the window had zero lag       -> OK
//  5. an offset went down between two commits      -> REWIND
//  6. two or more commits, all at the same offset  -> STALL
//  7. two or more commits, lag never decreased     -> WARN
//  8. otherwise                                    -> OK
// STOP needs at least two commits: with one, the window has no span to compare against.
import {
  levelOf,
  statusRank,
  type CommitSample,
  type GroupEvaluation,
  type PartitionEvaluation,
  type PartitionStatus,
  type PartitionWindow,
} from './lag-status.js';

export interface EvaluateOptions {
  /** Now, ms since the epoch. */
  now: number;
  /** The window size the commits were kept for, to say how complete a window is. */
  windowSize: number;
}

/** A partition's status from its window (rules above). */
export function partitionStatus(window: PartitionWindow, now: number): PartitionStatus {
  const { commits, logEnd } = window;
  if (commits.length === 0) return 'OK';
  const first = commits[0]!;
  const last = commits[commits.length - 1]!;
  if (Math.max(0, logEnd - last.offset) === 0) return 'OK';
  if (commits.length >= 2 && now - last.at > last.at - first.at) return 'STOP';
  if (commits.some((c) => c.lag === 0)) return 'OK';
  if (commits.length < 2) return 'OK';
  if (pairs(commits).some(([a, b]) => b.offset < a.offset)) return 'REWIND';
  if (commits.every((c) => c.offset === first.offset)) return 'STALL';
  if (pairs(commits).every(([a, b]) => b.lag >= a.lag)) return 'WARN';
  return 'OK';
}

export function evaluatePartition(
  window: PartitionWindow,
  options: EvaluateOptions,
  timeLagMs: number | null = null,
): PartitionEvaluation {
  const last = window.commits.at(-1);
  const lag = last ? Math.max(0, window.logEnd - last.offset) : 0;
  return {
    topic: window.topic,
    partition: window.partition,
    status: partitionStatus(window, options.now),
    lag,
    timeLagMs: lag === 0 ? null : timeLagMs,
    offset: last?.offset ?? null,
    lastCommitAt: last?.at ?? null,
    logEnd: window.logEnd,
    complete: Math.min(1, window.commits.length / options.windowSize),
  };
}

/** A group is its worst partition; `complete` is the share of partitions whose window is full. */
export function evaluateGroup(groupId: string, partitions: PartitionEvaluation[]): GroupEvaluation {
  let status: PartitionStatus = 'OK';
  let totalLag = 0;
  let maxTimeLagMs: number | null = null;
  let full = 0;
  for (const p of partitions) {
    if (statusRank(p.status) > statusRank(status)) status = p.status;
    totalLag += p.lag;
    if (p.timeLagMs !== null) maxTimeLagMs = Math.max(maxTimeLagMs ?? 0, p.timeLagMs);
    if (p.complete >= 1) full++;
  }
  return {
    groupId,
    status,
    level: levelOf(status),
    totalLag,
    maxTimeLagMs,
    complete: partitions.length === 0 ? 1 : full / partitions.length,
    partitions,
  };
}

/**
 * Adds a commit to a window, keeping the last `windowSize`. A commit at the same offset and time as
 * the last one (the same commit seen again) is not added.
 */
export function pushCommit(commits: CommitSample[], commit: CommitSample, windowSize: number): CommitSample[] {
  const last = commits.at(-1);
  if (last && last.offset === commit.offset && last.at === commit.at) return commits;
  const next = [...commits, commit];
  return next.length > windowSize ? next.slice(next.length - windowSize) : next;
}

function pairs<T>(items: readonly T[]): [T, T][] {
  const out: [T, T][] = [];
  for (let i = 1; i < items.length; i++) out.push([items[i - 1]!, items[i]!]);
  return out;
}
