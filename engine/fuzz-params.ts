import type { Parameters } from 'fast-check';

// Shared by the property specs (*-fuzz.spec.ts): a fixed seed, so a failure in CI is the same
// failure on a laptop, and a modest number of runs, raised for long runs with SLUICE_FUZZ_RUNS.

export const FUZZ_SEED = 0x51_1ce;
const DEFAULT_RUNS = 200;

/** Runs per property: SLUICE_FUZZ_RUNS when set (a whole number >= 1), else DEFAULT_RUNS. */
export function fuzzRuns(env: NodeJS.ProcessEnv = process.env): number {
  const text = env['SLUICE_FUZZ_RUNS'];
  if (text === undefined || text === '') return DEFAULT_RUNS;
  const runs = Number(text);
  if (!Number.isSafeInteger(runs) || runs < 1) {
    throw new Error(`SLUICE_FUZZ_RUNS must be a whole number >= 1, got "${text}"`);
  }
  return runs;
}

/** fast-check parameters for one property: the fixed seed and fuzzRuns(). */
export function fuzzParams<T>(): Parameters<T> {
  return { seed: FUZZ_SEED, numRuns: fuzzRuns() };
}

/** A test timeout that grows with the runs: 5 s for the default, about 20 ms a run beyond it. */
export const fuzzTimeoutMs = (): number => 5_000 + fuzzRuns() * 20;
