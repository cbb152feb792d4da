import { describe, expect, it } from 'vitest';
import { fuzzRuns } from './fuzz-runs';

describe('fuzzRuns', () => {
  it('uses the fallback unless SLUICE_FUZZ_RUNS asks for more, and refuses nonsense', () => {
    expect(fuzzRuns(300, {})).toBe(300);
    expect(fuzzRuns(300, { SLUICE_FUZZ_RUNS: '100000' })).toBe(100_000);
    expect(() => fuzzRuns(300, { SLUICE_FUZZ_RUNS: 'lots' })).toThrow(
      'SLUICE_FUZZ_RUNS must be a positive integer, got "lots"',
    );
    expect(() => fuzzRuns(300, { SLUICE_FUZZ_RUNS: '0' })).toThrow(/positive integer/);
  });
});
