/**
 * How many cases a property-based spec runs: modest by default (fast in CI), more for a long run
 * with `SLUICE_FUZZ_RUNS=100000 npx vitest run --project unit <spec>`.
 */
export function fuzzRuns(fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const value = env['SLUICE_FUZZ_RUNS'];
  if (value === undefined || value === '') return fallback;
  const runs = Number(value);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`SLUICE_FUZZ_RUNS must be a positive integer, got "${value}"`);
  return runs;
}

/** Fixed, so a failure in CI replays the same way; fast-check prints the seed and path to shrink. */
export const FUZZ_SEED = 20_261_206;
