import type { HintSummary } from '../../hints/observation.js';
import type { JobMetrics } from '../../metrics/job-metrics.js';
import type { CliIo } from '../cli-io.js';
import { activeHintsPart } from './hint-lines.js';
import { progressLine } from './progress-line.js';

/**
 * On a terminal, one line redrawn in place on every metrics update; otherwise a plain line every
 * `intervalMs`, so logs collected by a service manager stay readable.
 */
export class StatusDisplay {
  readonly #io: CliIo;
  readonly #intervalMs: number;
  #lastPrinted = 0;
  #lastLine = '';
  #drawn = false;
  #hints: string | undefined;

  constructor(io: CliIo, intervalMs: number) {
    this.#io = io;
    this.#intervalMs = intervalMs;
  }

  /** The job's active hints go at the end of the progress line. */
  setHints(hints: readonly HintSummary[]): void {
    this.#hints = activeHintsPart(hints);
  }

  update(metrics: JobMetrics): void {
    const now = Date.now();
    const line = this.#withHints(progressLine(metrics, now));
    if (this.#io.errIsTTY) {
      const width = process.stderr.columns ?? 160;
      this.#io.err(`\r\x1b[2K${line.slice(0, Math.max(20, width - 1))}\r`);
      this.#drawn = true;
    } else if (now - this.#lastPrinted >= this.#intervalMs) {
      this.#lastPrinted = now;
      this.#lastLine = line;
      this.#io.err(line);
    }
  }

  /** Clears the live line so a log or a final message starts at column 0. */
  clear(): void {
    if (!this.#drawn) return;
    this.#io.err('\r\x1b[2K\r');
    this.#drawn = false;
  }

  /** The last status as a plain line, whether or not one was due (once, not twice in a row). */
  final(metrics: JobMetrics): void {
    this.clear();
    const line = this.#withHints(progressLine(metrics, Date.now()));
    if (line !== this.#lastLine) this.#io.err(line);
    this.#lastLine = line;
  }

  #withHints(line: string): string {
    return this.#hints === undefined ? line : `${line} | ${this.#hints}`;
  }
}
