// Time lag: how old the record at a group's committed offset is (the next record it will read), now.
// Each (partition, offset) is read once, with a small Fetch, and its timestamp cached; a cycle reads at
// most `maxFetches` new ones (the rest wait for later cycles: their time lag is unknown till then).
import type { TopicPartitionOffset } from '../offsets/topic-partition.js';
import type { FetchWant, LagCluster } from './lag-cluster.js';

export interface TimeLagOptions {
  /** New (partition, offset) reads per cycle. */
  maxFetches: number;
  /** Timestamps kept. */
  cacheSize: number;
  /** Bytes asked per partition (the broker still answers the first batch whole). */
  fetchBytes: number;
}

export const TIME_LAG_DEFAULTS: TimeLagOptions = { maxFetches: 2_000, cacheSize: 50_000, fetchBytes: 16 * 1024 };
/** Partitions per Fetch, so one answer stays within a few MiB. */
const PARTITIONS_PER_FETCH = 100;

const key = (t: TopicPartitionOffset) => `${t.topic}/${t.partition}@${t.offset}`;

export class TimeLagReader {
  private readonly cache = new Map<string, number>();

  constructor(
    private readonly cluster: LagCluster,
    private readonly options: TimeLagOptions = TIME_LAG_DEFAULTS,
  ) {}

  /** The timestamp of the record at each offset, when known (read now or before). */
  async timestamps(wanted: readonly TopicPartitionOffset[]): Promise<Map<string, number>> {
    const missing = new Map<string, TopicPartitionOffset>();
    for (const t of wanted) {
      if (!this.cache.has(key(t)) && missing.size < this.options.maxFetches) missing.set(key(t), t);
    }
    // A partition appears once per Fetch, so offsets of one partition (several groups) take rounds.
    let rest = [...missing.values()];
    while (rest.length > 0) {
      const round: FetchWant[] = [];
      const later: TopicPartitionOffset[] = [];
      const seen = new Set<string>();
      for (const t of rest) {
        const tp = `${t.topic}/${t.partition}`;
        if (seen.has(tp)) later.push(t);
        else {
          seen.add(tp);
          round.push({ ...t, maxBytes: this.options.fetchBytes });
        }
      }
      await this.readRound(round);
      rest = later;
    }
    const out = new Map<string, number>();
    for (const t of wanted) {
      const at = this.cache.get(key(t));
      if (at !== undefined) out.set(key(t), at);
    }
    return out;
  }

  static key = key;

  private async readRound(round: FetchWant[]): Promise<void> {
    for (let i = 0; i < round.length; i += PARTITIONS_PER_FETCH) {
      const cut = await this.readSome(round.slice(i, i + PARTITIONS_PER_FETCH));
      // A batch larger than the bytes asked comes back cut (and dropped) except for the answer's first
      // partition, so those are asked alone: the broker then returns the whole first batch.
      for (const want of cut) await this.readSome([want]);
    }
  }

  /** Reads the wanted offsets in one Fetch; answers the ones that came back cut. */
  private async readSome(wants: FetchWant[]): Promise<FetchWant[]> {
    let answers;
    try {
      answers = await this.cluster.fetch(wants, 0);
    } catch {
      // One partition's error (an offset below the log start) fails the whole answer: ask one by one.
      if (wants.length > 1) for (const want of wants) await this.readSome([want]);
      return [];
    }
    const cut: FetchWant[] = [];
    for (const answer of answers) {
      const want = wants.find((w) => w.topic === answer.topic && w.partition === answer.partition);
      if (!want) continue;
      const first = answer.records[0];
      if (first) this.remember(key(want), first.timestamp);
      else if (wants.length > 1 && answer.highWatermark > want.offset) cut.push(want);
    }
    return cut;
  }

  private remember(k: string, timestamp: number): void {
    this.cache.set(k, timestamp);
    if (this.cache.size > this.options.cacheSize) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }
}
