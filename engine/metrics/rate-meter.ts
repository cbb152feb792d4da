/**
 * A counter with a per-second rate over the last tick. Counting is one addition; the rate is only
 * worked out on tick(), about once a second, so metrics cost nothing per record.
 */
export class RateMeter {
  #total = 0;
  #atLastTick = 0;
  #lastTickAt: number;
  #rate = 0;

  constructor(now: number) {
    this.#lastTickAt = now;
  }

  add(n: number): void {
    this.#total += n;
  }

  get total(): number {
    return this.#total;
  }

  get perSecond(): number {
    return this.#rate;
  }

  tick(now: number): void {
    const elapsed = now - this.#lastTickAt;
    if (elapsed <= 0) return;
    this.#rate = ((this.#total - this.#atLastTick) * 1000) / elapsed;
    this.#atLastTick = this.#total;
    this.#lastTickAt = now;
  }
}
