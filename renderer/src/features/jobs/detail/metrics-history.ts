import type { JobMetrics } from '../../../../../main/ipc/contract';

/** One sample per metrics event: rates and lag at `takenAt`. */
export type HistorySample = Pick<JobMetrics, 'takenAt' | 'recordsInPerSecond' | 'recordsOutPerSecond' | 'lag'>;

/** Columns as uPlot takes them: x in seconds since epoch, then one array per series (null = gap). */
export interface HistoryColumns {
  time: number[];
  recordsIn: (number | null)[];
  recordsOut: (number | null)[];
  lag: (number | null)[];
}

export interface MetricsHistoryOptions {
  /** How far back the history reaches (default 10 minutes). */
  windowMs?: number;
  /** The expected spacing of samples (default 1 s); a silence longer than twice this breaks the lines. */
  intervalMs?: number;
}

/**
 * A bounded rolling history of a job's throughput and lag for the charts. Samples older than the
 * window fall off; out-of-order or repeated samples are ignored; a pause (job stopped) shows as a gap
 * rather than a line drawn across it.
 */
export class MetricsHistory {
  readonly #windowMs: number;
  readonly #intervalMs: number;
  readonly #columns: HistoryColumns = { time: [], recordsIn: [], recordsOut: [], lag: [] };
  #lastAt: number | undefined;

  constructor(options: MetricsHistoryOptions = {}) {
    this.#windowMs = options.windowMs ?? 10 * 60_000;
    this.#intervalMs = options.intervalMs ?? 1_000;
    if (!(this.#windowMs > 0) || !(this.#intervalMs > 0)) {
      throw new RangeError('MetricsHistory: windowMs and intervalMs must be positive');
    }
  }

  /** Adds a sample; returns false when it was ignored (not newer than the last one). */
  push(sample: HistorySample): boolean {
    if (this.#lastAt !== undefined && sample.takenAt <= this.#lastAt) return false;
    if (this.#lastAt !== undefined && sample.takenAt - this.#lastAt > 2 * this.#intervalMs) {
      this.#append((this.#lastAt + this.#intervalMs) / 1000, null, null, null);
    }
    this.#append(sample.takenAt / 1000, sample.recordsInPerSecond, sample.recordsOutPerSecond, sample.lag ?? null);
    this.#lastAt = sample.takenAt;
    this.#prune(sample.takenAt - this.#windowMs);
    return true;
  }

  /** The kept samples, oldest first. The arrays are this history's own: copy before changing them. */
  columns(): HistoryColumns {
    return this.#columns;
  }

  get size(): number {
    return this.#columns.time.length;
  }

  clear(): void {
    for (const column of Object.values(this.#columns) as unknown[][]) column.length = 0;
    this.#lastAt = undefined;
  }

  #append(time: number, recordsIn: number | null, recordsOut: number | null, lag: number | null): void {
    this.#columns.time.push(time);
    this.#columns.recordsIn.push(recordsIn);
    this.#columns.recordsOut.push(recordsOut);
    this.#columns.lag.push(lag);
  }

  #prune(oldestMs: number): void {
    const cut = this.#columns.time.findIndex((t) => t * 1000 >= oldestMs);
    const drop = cut === -1 ? this.#columns.time.length : cut;
    if (drop === 0) return;
    for (const column of Object.values(this.#columns) as unknown[][]) column.splice(0, drop);
  }
}
