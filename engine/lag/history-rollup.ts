// Roll-up: the cycles of an hour folded into buckets (5 minutes by default). A bucket keeps, per
// group and per partition, the worst status and the largest lag and time lag seen in it, and the
// last offset, log end and commit time (so commit windows can still be rebuilt from roll-ups).
// Folding roll-ups again gives the same buckets, so a roll-up interrupted half way is simply redone.
import type { DecodedRecord, StoredCycle, StoredGroup, StoredPartition } from './history-codec.js';
import { statusRank, type PartitionStatus } from './lag-status.js';

export const ROLLUP_BUCKET_MS = 5 * 60_000;

interface GroupBucket {
  status: PartitionStatus;
  totalLag: number;
  maxTimeLagMs: number | null;
  partitions: Map<string, StoredPartition>;
}

const worst = (a: PartitionStatus, b: PartitionStatus) => (statusRank(b) > statusRank(a) ? b : a);
const larger = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

/** Folds records, in time order, into one stored cycle per bucket at the bucket's start. */
export class RollUp {
  private readonly buckets = new Map<number, Map<string, GroupBucket>>();
  constructor(private readonly bucketMs = ROLLUP_BUCKET_MS) {}

  add(record: DecodedRecord): void {
    const start = Math.floor(record.at / this.bucketMs) * this.bucketMs;
    let bucket = this.buckets.get(start);
    if (!bucket) this.buckets.set(start, (bucket = new Map()));
    for (const [groupId, decoded] of record.groups) {
      const { point } = decoded;
      let group = bucket.get(groupId);
      if (!group) {
        group = {
          status: point.status,
          totalLag: point.totalLag,
          maxTimeLagMs: point.maxTimeLagMs,
          partitions: new Map(),
        };
        bucket.set(groupId, group);
      }
      group.status = worst(group.status, point.status);
      group.totalLag = Math.max(group.totalLag, point.totalLag);
      group.maxTimeLagMs = larger(group.maxTimeLagMs, point.maxTimeLagMs);
      for (const [key, p] of decoded.partitions) {
        const seen = group.partitions.get(key);
        group.partitions.set(key, {
          topic: p.topic,
          partition: p.partition,
          status: seen ? worst(seen.status, p.status) : p.status,
          lag: seen ? Math.max(seen.lag, p.lag) : p.lag,
          timeLagMs: seen ? larger(seen.timeLagMs, p.timeLagMs) : p.timeLagMs,
          offset: p.offset,
          lastCommitAt: p.lastCommitAt,
          logEnd: p.logEnd,
        });
      }
    }
  }

  cycles(): StoredCycle[] {
    return [...this.buckets.entries()]
      .sort(([a], [b]) => a - b)
      .map(([at, groups]) => ({
        at,
        groups: [...groups.entries()].map(([groupId, g]): StoredGroup => ({
          groupId,
          status: g.status,
          totalLag: g.totalLag,
          maxTimeLagMs: g.maxTimeLagMs,
          partitions: [...g.partitions.values()],
        })),
      }));
  }
}
