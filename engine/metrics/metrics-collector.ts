import type { FallbackReason } from '../job/copy-path.js';
import type { LogBounds } from '../offsets/log-bounds.js';
import type { StopPosition } from '../offsets/stop-position.js';
import {
  TopicPartitionMap,
  compareTp,
  type TopicPartition,
  type TopicPartitionOffset,
} from '../offsets/topic-partition.js';
import type { JobMetrics, PartitionMetrics } from './job-metrics.js';
import { RateMeter } from './rate-meter.js';

interface PartitionCounters {
  recordsIn: RateMeter;
  bytesIn: RateMeter;
  recordsOut: RateMeter;
  bytesOut: RateMeter;
  checkpointed: number | undefined;
  committed: number | undefined;
  logStart: number | undefined;
  logEnd: number | undefined;
}

/** Where the job stands per partition right now; the runner's tracker provides it. */
export interface PositionView {
  next: number;
  stop: StopPosition | undefined;
  finished: boolean;
}

export interface CheckpointInfo {
  checkpointId: number;
  takenAt: number;
  durationMs: number;
  bytes: number;
}

/** Counts for the whole life of a job, across restarts; snapshot() joins them with the current positions. */
export class MetricsCollector {
  readonly #jobName: string;
  readonly #clock: () => number;
  readonly #partitions = new TopicPartitionMap<PartitionCounters>();
  readonly #recordsIn: RateMeter;
  readonly #bytesIn: RateMeter;
  readonly #recordsOut: RateMeter;
  readonly #bytesOut: RateMeter;
  #recordsFiltered = 0;
  #recordsSkipped = 0;
  #recordsDeadLettered = 0;
  #batchesForwarded = 0;
  #batchesDecoded: Partial<Record<FallbackReason, number>> = {};
  #commitsSucceeded = 0;
  #commitsFailed = 0;
  #sendErrors = 0;
  #checkpoints = 0;
  #lastCheckpoint: CheckpointInfo | undefined;
  #restarts = 0;

  constructor(jobName: string, clock: () => number = Date.now) {
    this.#jobName = jobName;
    this.#clock = clock;
    const now = clock();
    this.#recordsIn = new RateMeter(now);
    this.#bytesIn = new RateMeter(now);
    this.#recordsOut = new RateMeter(now);
    this.#bytesOut = new RateMeter(now);
  }

  recordsIn(tp: TopicPartition, records: number, bytes: number): void {
    const p = this.#partition(tp);
    p.recordsIn.add(records);
    p.bytesIn.add(bytes);
    this.#recordsIn.add(records);
    this.#bytesIn.add(bytes);
  }

  /** Attributed to the source partition the records came from. */
  recordsOut(topic: string, partition: number, records: number, bytes: number): void {
    const p = this.#partition({ topic, partition });
    p.recordsOut.add(records);
    p.bytesOut.add(bytes);
    this.#recordsOut.add(records);
    this.#bytesOut.add(bytes);
  }

  recordsFiltered(records: number): void {
    this.#recordsFiltered += records;
  }

  /** A record that did not decode: skipped, or written to the dead-letter target. */
  recordUndecodable(outcome: 'skipped' | 'dead-lettered'): void {
    if (outcome === 'skipped') this.#recordsSkipped++;
    else this.#recordsDeadLettered++;
  }

  /** Shallow copy path: one record batch forwarded as bytes. */
  batchForwarded(): void {
    this.#batchesForwarded++;
  }

  /** Shallow copy path: a batch decoded record by record instead. */
  batchDecoded(reason: FallbackReason): void {
    this.#batchesDecoded[reason] = (this.#batchesDecoded[reason] ?? 0) + 1;
  }

  sendError(): void {
    this.#sendErrors++;
  }

  logBounds(tp: TopicPartition, bounds: Partial<LogBounds>): void {
    const p = this.#partition(tp);
    if (bounds.start !== undefined) p.logStart = bounds.start;
    if (bounds.end !== undefined) p.logEnd = bounds.end;
  }

  /** Offsets found in, or written to, the consumer group. */
  committed(offsets: readonly TopicPartitionOffset[]): void {
    for (const o of offsets) this.#partition(o).committed = o.offset;
  }

  commitSucceeded(offsets: readonly TopicPartitionOffset[]): void {
    this.#commitsSucceeded++;
    this.committed(offsets);
  }

  commitFailed(): void {
    this.#commitsFailed++;
  }

  checkpointed(offsets: readonly TopicPartitionOffset[], info: CheckpointInfo): void {
    for (const o of offsets) this.#partition(o).checkpointed = o.offset;
    this.#checkpoints++;
    this.#lastCheckpoint = info;
  }

  restarted(): void {
    this.#restarts++;
  }

  tick(): void {
    const now = this.#clock();
    for (const meter of [this.#recordsIn, this.#bytesIn, this.#recordsOut, this.#bytesOut]) meter.tick(now);
    for (const p of this.#partitions.values()) {
      p.recordsIn.tick(now);
      p.bytesIn.tick(now);
      p.recordsOut.tick(now);
      p.bytesOut.tick(now);
    }
  }

  snapshot(state: string, positions: Iterable<[TopicPartition, PositionView]>): JobMetrics {
    const current = TopicPartitionMap.from(positions);
    for (const tp of current.keys()) this.#partition(tp);
    const partitions: PartitionMetrics[] = [...this.#partitions]
      .map(([tp, p]) => partitionMetrics(tp, p, current.get(tp)))
      .sort(compareTp);
    const lags = partitions.map((p) => p.lag);
    return {
      jobName: this.#jobName,
      state,
      takenAt: this.#clock(),
      recordsIn: this.#recordsIn.total,
      bytesIn: this.#bytesIn.total,
      recordsOut: this.#recordsOut.total,
      bytesOut: this.#bytesOut.total,
      recordsFiltered: this.#recordsFiltered,
      recordsSkipped: this.#recordsSkipped,
      recordsDeadLettered: this.#recordsDeadLettered,
      batchesForwarded: this.#batchesForwarded,
      batchesDecoded: { ...this.#batchesDecoded },
      recordsInPerSecond: this.#recordsIn.perSecond,
      bytesInPerSecond: this.#bytesIn.perSecond,
      recordsOutPerSecond: this.#recordsOut.perSecond,
      bytesOutPerSecond: this.#bytesOut.perSecond,
      lag: lags.some((l) => l === undefined) ? undefined : lags.reduce<number>((sum, l) => sum + (l ?? 0), 0),
      commitsSucceeded: this.#commitsSucceeded,
      commitsFailed: this.#commitsFailed,
      sendErrors: this.#sendErrors,
      checkpoints: this.#checkpoints,
      lastCheckpointId: this.#lastCheckpoint?.checkpointId,
      lastCheckpointAt: this.#lastCheckpoint?.takenAt,
      lastCheckpointDurationMs: this.#lastCheckpoint?.durationMs,
      lastCheckpointBytes: this.#lastCheckpoint?.bytes,
      restarts: this.#restarts,
      partitions,
    };
  }

  #partition(tp: TopicPartition): PartitionCounters {
    let p = this.#partitions.get(tp);
    if (!p) {
      const now = this.#clock();
      p = {
        recordsIn: new RateMeter(now),
        bytesIn: new RateMeter(now),
        recordsOut: new RateMeter(now),
        bytesOut: new RateMeter(now),
        checkpointed: undefined,
        committed: undefined,
        logStart: undefined,
        logEnd: undefined,
      };
      this.#partitions.set(tp, p);
    }
    return p;
  }
}

function partitionMetrics(
  tp: TopicPartition,
  p: PartitionCounters,
  position: PositionView | undefined,
): PartitionMetrics {
  const current = position?.next;
  // The broker's end offset may lag behind what the job has read when it was last fetched earlier.
  const lag = current === undefined || p.logEnd === undefined ? undefined : Math.max(0, p.logEnd - current);
  return {
    topic: tp.topic,
    partition: tp.partition,
    currentOffset: current,
    checkpointedOffset: p.checkpointed,
    committedOffset: p.committed,
    logStartOffset: p.logStart,
    logEndOffset: p.logEnd,
    lag: position?.stop?.kind === 'not-read' ? 0 : lag,
    stopOffset: position?.stop?.kind === 'at' ? position.stop.offset : undefined,
    finished: position?.finished ?? false,
    recordsIn: p.recordsIn.total,
    bytesIn: p.bytesIn.total,
    recordsOut: p.recordsOut.total,
    bytesOut: p.bytesOut.total,
    recordsInPerSecond: p.recordsIn.perSecond,
    bytesInPerSecond: p.bytesIn.perSecond,
    recordsOutPerSecond: p.recordsOut.perSecond,
    bytesOutPerSecond: p.bytesOut.perSecond,
  };
}
