import { describe, expect, it } from 'vitest';
import type { Result } from '../perf/report.js';
import { best, bestOf } from './best-of.js';

const scenario = { valueBytes: 100, partitions: 1, records: 10 };
const result = (contender: string, recordsPerSecond: number, peakRssMiB: number, ok = true): Result => ({
  scenario,
  contender,
  label: contender,
  recordsPerSecond,
  rates: [recordsPerSecond],
  wallMs: 1_000,
  peakRssMiB,
  ok,
  ...(ok ? {} : { problem: 'exit 1' }),
});

describe('best', () => {
  it('keeps the fastest good run, every rate and the highest peak RSS', () => {
    const top = best([result('a', 10, 300), result('a', 30, 100, false), result('a', 20, 200)]);
    expect(top).toMatchObject({ recordsPerSecond: 20, rates: [10, 30, 20], peakRssMiB: 300, ok: false });
    expect(top.problem).toBe('exit 1');
  });
});

describe('bestOf', () => {
  it('reverses the order every other round and answers in the order given', async () => {
    const order: string[] = [];
    const rates = { a: [5, 7, 6], b: [9, 8, 10] };
    const contenders = (['a', 'b'] as const).map((id) => async () => {
      order.push(id);
      return result(id, rates[id].shift()!, 1);
    });
    const [a, b] = await bestOf(3, contenders);
    expect(order).toEqual(['a', 'b', 'b', 'a', 'a', 'b']);
    expect(a).toMatchObject({ contender: 'a', recordsPerSecond: 7, rates: [5, 7, 6] });
    expect(b).toMatchObject({ contender: 'b', recordsPerSecond: 10, rates: [9, 8, 10] });
  });
});
