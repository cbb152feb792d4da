// Commit windows rebuilt from stored partition points, to seed a monitor after a restart or to
// evaluate once (`sluice lag check`). A commit is a stored point whose offset or commit time
// differs from the partition's previous point; its lag is the log end stored with it minus its offset.
import type { CommitSample, PartitionHistoryPoint, PartitionWindow } from './lag-status.js';

/** The commits in a partition's points (oldest first): the first point with an offset is one. */
export function commitsOf(points: readonly PartitionHistoryPoint[]): CommitSample[] {
  const commits: CommitSample[] = [];
  let previous: PartitionHistoryPoint | undefined;
  for (const point of points) {
    if (
      point.offset !== null &&
      (previous === undefined || point.offset !== previous.offset || point.lastCommitAt !== previous.lastCommitAt)
    ) {
      commits.push({
        offset: point.offset,
        at: point.lastCommitAt ?? point.at,
        lag: Math.max(0, point.logEnd - point.offset),
      });
    }
    previous = point;
  }
  return commits;
}

/**
 * Each latest partition's window: its last `windowSize` commits and its latest log end.
 * `points` holds each partition's stored points, oldest first, keyed as `latest` is.
 */
export function windowsOf(
  latest: ReadonlyMap<string, PartitionHistoryPoint>,
  points: ReadonlyMap<string, readonly PartitionHistoryPoint[]>,
  windowSize: number,
): PartitionWindow[] {
  return [...latest.entries()]
    .map(([key, last]) => ({
      topic: last.topic,
      partition: last.partition,
      commits: commitsOf(points.get(key) ?? [last]).slice(-windowSize),
      logEnd: last.logEnd,
    }))
    .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}
