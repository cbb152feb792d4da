// Commit windows rebuilt from stored partition points, to seed a monitor after a restart or to
// evaluate once (`sluice lag check`). A commit is a stored point whose offset or commit time
// differs from the partition's previous point; its lag is the log end stored with it minus its offset.
// Files are read newest first (each one forward) until every window is full, so the scan stays
// bounded by the commits needed, with a bounded memory: N commits per partition.
import type { DecodedRecord } from './history-codec.js';
import type { CommitSample, PartitionHistoryPoint, PartitionWindow } from './lag-status.js';

/** A group's commit windows as stored, to seed a monitor or evaluate once. */
export interface StoredWindows {
  /** The last stored cycle that had the group. */
  at: number;
  windows: PartitionWindow[];
  /** Each partition's last stored point (its status, lag and time lag as the monitor saw them). */
  latest: PartitionHistoryPoint[];
}

const sameCommit = (a: PartitionHistoryPoint, b: PartitionHistoryPoint) =>
  a.offset === b.offset && a.lastCommitAt === b.lastCommitAt;

/** Whether a point is a commit after the partition's point before it. */
export function isNewCommit(point: PartitionHistoryPoint, previous: PartitionHistoryPoint | undefined): boolean {
  return point.offset !== null && (previous === undefined || !sameCommit(point, previous));
}

function commitOf(point: PartitionHistoryPoint): CommitSample {
  const offset = point.offset ?? 0;
  return { offset, at: point.lastCommitAt ?? point.at, lag: Math.max(0, point.logEnd - offset) };
}

/** The commits in a partition's points (oldest first): the first point with an offset is one. */
export function commitsOf(points: readonly PartitionHistoryPoint[]): CommitSample[] {
  return points.filter((point, i) => isNewCommit(point, points[i - 1])).map(commitOf);
}

interface Track {
  /** The last commits, oldest first, at most the window size. */
  commits: CommitSample[];
  /** The first and last points read (of the files read so far, or of one file). */
  first?: PartitionHistoryPoint;
  last?: PartitionHistoryPoint;
}

interface GroupWindows {
  at: number;
  latest: ReadonlyMap<string, PartitionHistoryPoint>;
  tracks: Map<string, Track>;
}

export interface FileReader {
  record(record: DecodedRecord): void;
  finish(): void;
}

/**
 * Collects commit windows over segment files fed newest first. The groups are those of the first
 * file that has any of the eligible ones: groups gone before it are not brought back.
 */
export class WindowCollector {
  private readonly groups = new Map<string, GroupWindows>();
  private open = true;

  constructor(
    private readonly windowSize: number,
    private readonly eligible: (groupId: string) => boolean,
  ) {}

  /** The groups worth decoding in the next (older) file. */
  readonly wants = (groupId: string): boolean => this.eligible(groupId) && (this.open || this.groups.has(groupId));

  /** The newest cycle found, once a file had one. */
  get newestAt(): number | undefined {
    let newest: number | undefined;
    for (const group of this.groups.values()) newest = Math.max(newest ?? group.at, group.at);
    return newest;
  }

  /** Reads one file: `record` for each of its records in order, then `finish`. */
  file(): FileReader {
    const found = new Map<string, GroupWindows>();
    const size = this.windowSize;
    return {
      record: (record) => {
        for (const [groupId, group] of record.groups) {
          let file = found.get(groupId);
          if (!file) found.set(groupId, (file = { at: record.at, latest: group.partitions, tracks: new Map() }));
          // The decoder's map: after the file's last record it holds the group's state at its end.
          file.at = record.at;
          file.latest = group.partitions;
          for (const row of group.changed) {
            const key = `${row.topic}\u0000${row.partition}`;
            let track = file.tracks.get(key);
            if (!track) file.tracks.set(key, (track = { commits: [] }));
            if (isNewCommit(row, track.last)) {
              track.commits.push(commitOf(row));
              if (track.commits.length > size) track.commits.shift();
            }
            track.first ??= row;
            track.last = row;
          }
        }
      },
      finish: () => {
        for (const [groupId, file] of found) this.merge(groupId, file);
        if (found.size > 0) this.open = false;
      },
    };
  }

  /** Whether every partition's window is full, or has no commit to look further back for. */
  done(): boolean {
    if (this.open) return false;
    for (const group of this.groups.values())
      for (const [key, point] of group.latest)
        if (point.offset !== null && (group.tracks.get(key)?.commits.length ?? 0) < this.windowSize) return false;
    return true;
  }

  result(): Map<string, StoredWindows> {
    const out = new Map<string, StoredWindows>();
    for (const [groupId, group] of this.groups) {
      const latest = [...group.latest.entries()].sort(
        ([, a], [, b]) => a.topic.localeCompare(b.topic) || a.partition - b.partition,
      );
      out.set(groupId, {
        at: group.at,
        windows: latest.map(([key, point]) => ({
          topic: point.topic,
          partition: point.partition,
          commits: group.tracks.get(key)?.commits ?? [],
          logEnd: point.logEnd,
        })),
        latest: latest.map(([, point]) => point),
      });
    }
    return out;
  }

  /** Puts an older file's commits before the newer ones of the same partitions. */
  private merge(groupId: string, older: GroupWindows): void {
    const group = this.groups.get(groupId);
    if (!group) {
      this.groups.set(groupId, { ...older, latest: new Map(older.latest) });
      return;
    }
    for (const key of group.latest.keys()) {
      const newer = group.tracks.get(key);
      const before = older.tracks.get(key);
      if (!before) continue;
      if (!newer) {
        group.tracks.set(key, before);
        continue;
      }
      if (newer.commits.length >= this.windowSize) continue;
      // A newer file starts with every partition's state again: not a commit if the older file ended on it.
      const repeated =
        newer.first && before.last && newer.first.offset !== null && sameCommit(newer.first, before.last);
      newer.commits = [...before.commits, ...(repeated ? newer.commits.slice(1) : newer.commits)].slice(
        -this.windowSize,
      );
      newer.first = before.first;
    }
  }
}
