// Per group and partition, the window of the last N commits the evaluator judges. Commits come from
// two places: commit events read from __consumer_offsets (with the coordinator's commit time), and the
// cycle's OffsetFetch (a changed committed offset, timed at the cycle) where no event told us first.
// Like Burrow's min-distance, at most one commit per `minDistanceMs` bucket is kept (the newest), so
// a consumer committing every 100 ms does not squeeze its window into a second. The monitor's default
// bucket is its interval: a window of N commits then spans about N intervals for a busy group, and the
// records behind at two kept commits differ by a whole interval's worth, not by estimate noise.
import { pushCommit } from './evaluate.js';
import type { CommitSample, PartitionWindow } from './lag-status.js';
import { tpKey, type TopicPartition } from '../offsets/topic-partition.js';

interface Sample extends CommitSample {
  /** Seen by OffsetFetch at a cycle, not read as an event: its time is the cycle's. */
  polled: boolean;
}

interface Slot {
  topic: string;
  partition: number;
  commits: Sample[];
}

export interface WindowOptions {
  windowSize: number;
  minDistanceMs: number;
}

export class CommitWindows {
  private readonly groups = new Map<string, Map<string, Slot>>();

  constructor(private readonly options: WindowOptions) {}

  /** A commit event (its own commit time). */
  addEvent(groupId: string, tp: TopicPartition, commit: CommitSample): void {
    const slot = this.slot(groupId, tp);
    const sample: Sample = { ...commit, polled: false };
    const last = slot.commits.at(-1);
    if (last?.polled && last.offset === commit.offset) {
      // OffsetFetch saw this commit before its event arrived: keep the true commit time.
      slot.commits[slot.commits.length - 1] = sample;
    } else if (last && commit.at < last.at) {
      if (slot.commits.some((c) => c.offset === commit.offset && c.at === commit.at)) return;
      const index = slot.commits.findIndex((c) => c.at > commit.at);
      slot.commits.splice(index, 0, sample);
      if (slot.commits.length > this.options.windowSize) slot.commits.shift();
    } else if (this.tooClose(slot.commits, commit.at)) {
      slot.commits[slot.commits.length - 1] = sample;
    } else {
      slot.commits = pushCommit(slot.commits, sample, this.options.windowSize) as Sample[];
    }
  }

  /**
   * The committed offset OffsetFetch read at a cycle, as a sample at the cycle's time: when the window
   * is empty (its commit event, if one comes later, replaces it with its own time) and, with
   * `onChange` (polled mode, no events), when the offset differs from the window's last.
   */
  addPolled(groupId: string, tp: TopicPartition, commit: CommitSample, onChange: boolean): void {
    const slot = this.slot(groupId, tp);
    const last = slot.commits.at(-1);
    if (last && (!onChange || last.offset === commit.offset)) return;
    const sample: Sample = { ...commit, polled: true };
    slot.commits = pushCommit(slot.commits, sample, this.options.windowSize) as Sample[];
  }

  /** Windows handed in from elsewhere (the history store), replacing what is held. */
  seed(groupId: string, windows: readonly PartitionWindow[]): void {
    for (const w of windows) {
      const commits = w.commits.slice(-this.options.windowSize).map((c) => ({ ...c, polled: false }));
      this.slot(groupId, w).commits = commits;
    }
  }

  commits(groupId: string, tp: TopicPartition): CommitSample[] {
    const commits = this.groups.get(groupId)?.get(tpKey(tp.topic, tp.partition))?.commits ?? [];
    return commits.map(({ offset, at, lag }) => ({ offset, at, lag }));
  }

  /** Drops groups and partitions no longer committed (deleted groups, expired offsets). */
  retain(groupId: string, committed: ReadonlySet<string>): void {
    const slots = this.groups.get(groupId);
    if (!slots) return;
    for (const key of slots.keys()) if (!committed.has(key)) slots.delete(key);
  }

  retainGroups(groupIds: ReadonlySet<string>): void {
    for (const id of this.groups.keys()) if (!groupIds.has(id)) this.groups.delete(id);
  }

  /**
   * Whether a commit at `at` replaces the last sample instead of following it: when both fall in the
   * same min-distance bucket. So a partition keeps at most one commit per bucket, the newest (STOP
   * judges its time), and the samples of a fast committer are about a bucket apart.
   */
  private tooClose(commits: readonly Sample[], at: number): boolean {
    const last = commits.at(-1);
    const d = this.options.minDistanceMs;
    return last !== undefined && d > 0 && Math.floor(at / d) === Math.floor(last.at / d);
  }

  private slot(groupId: string, tp: TopicPartition): Slot {
    let slots = this.groups.get(groupId);
    if (!slots) this.groups.set(groupId, (slots = new Map()));
    const key = tpKey(tp.topic, tp.partition);
    let slot = slots.get(key);
    if (!slot) slots.set(key, (slot = { topic: tp.topic, partition: tp.partition, commits: [] }));
    return slot;
  }
}

/**
 * Where a partition's log ended at a given time, between the cycles that read it: the records behind
 * at a commit are the log end then minus the committed offset, and the log end is read once a cycle,
 * so it is interpolated between the last two readings (a steady producer makes that exact).
 */
export class LogEndTrack {
  private readonly readings = new Map<
    string,
    { prev?: { at: number; end: number }; last: { at: number; end: number } }
  >();

  record(tp: TopicPartition, at: number, end: number): void {
    const key = tpKey(tp.topic, tp.partition);
    const known = this.readings.get(key);
    this.readings.set(key, known ? { prev: known.last, last: { at, end } } : { last: { at, end } });
  }

  /**
   * The estimated log end at `at`: interpolated between the last two readings, extrapolated back
   * from them before the older one (a steady producer), held after the newer one. Undefined when it
   * cannot be told yet: never read, or only one reading, taken after `at` (ask again next cycle).
   */
  estimate(tp: TopicPartition, at: number): number | undefined {
    const known = this.readings.get(tpKey(tp.topic, tp.partition));
    if (!known) return undefined;
    const { prev, last } = known;
    if (at >= last.at) return last.end;
    if (!prev) return undefined;
    if (last.at === prev.at) return last.end;
    const rate = (last.end - prev.end) / (last.at - prev.at);
    return Math.max(0, Math.floor(prev.end + rate * (at - prev.at)));
  }
}
