import type { Result } from '../perf/report.js';

/** One result per contender from its repetitions: the best rate, every rate, the highest RSS. */
export function best(runs: Result[]): Result {
  const ok = runs.filter((r) => r.ok);
  const top = (ok.length > 0 ? ok : runs).reduce((a, b) => (b.recordsPerSecond > a.recordsPerSecond ? b : a));
  return {
    ...top,
    rates: runs.map((r) => r.recordsPerSecond),
    peakRssMiB: Math.max(...runs.map((r) => r.peakRssMiB)),
    ok: ok.length === runs.length,
    ...(ok.length === runs.length ? {} : { problem: runs.find((r) => !r.ok)?.problem ?? 'a run failed' }),
  };
}

/**
 * Runs every contender `repeat` times, reversing the order on every other round so none always
 * runs first (on a warmer broker); answers `best` of each contender's runs, in the order given.
 */
export async function bestOf(repeat: number, contenders: (() => Promise<Result>)[]): Promise<Result[]> {
  const runs: Result[][] = contenders.map(() => []);
  const indexes = contenders.map((_, i) => i);
  for (let round = 0; round < repeat; round++) {
    for (const i of round % 2 === 0 ? indexes : [...indexes].reverse()) runs[i]!.push(await contenders[i]!());
  }
  return runs.map(best);
}
