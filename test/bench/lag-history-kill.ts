import type { SyntheticCycleOptions } from './lag-cycles.js';

/** The cycles the SIGKILL test's writer appends: big enough that a kill often lands mid-record. */
export const KILL_TEST_CYCLES: SyntheticCycleOptions = {
  groups: 200,
  partitions: 10,
  changing: 0.5,
  start: Date.UTC(2026, 11, 1, 0, 50),
  intervalMs: 30_000,
};
