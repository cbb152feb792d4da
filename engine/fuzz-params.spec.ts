import { describe, expect, it } from 'vitest';
import { fuzzRuns } from './fuzz-params.js';

describe('fuzzRuns', () => {
  it('reads SLUICE_FUZZ_RUNS, with a modest default', () => {
    expect(fuzzRuns({})).toBe(200);
    expect(fuzzRuns({ SLUICE_FUZZ_RUNS: '100000' })).toBe(100_000);
  });

  it('refuses a value that is not a whole number >= 1, naming it', () => {
    expect(() => fuzzRuns({ SLUICE_FUZZ_RUNS: 'lots' })).toThrow(
      'SLUICE_FUZZ_RUNS must be a whole number >= 1, got "lots"',
    );
    expect(() => fuzzRuns({ SLUICE_FUZZ_RUNS: '0' })).toThrow(/got "0"/);
  });
});
