import { describe, expect, it } from 'vitest';
import { takeCycles } from '../../test/bench/lag-cycles.js';
import { SegmentDecoder, SegmentEncoder, type StoredCycle } from './history-codec.js';
import { RollUp } from './history-rollup.js';

const START = Date.UTC(2026, 11, 1);

function fold(cycles: readonly StoredCycle[], bucketMs: number): StoredCycle[] {
  const encoder = new SegmentEncoder();
  const decoder = new SegmentDecoder();
  const rollUp = new RollUp(bucketMs);
  for (const cycle of cycles) rollUp.add(decoder.decode(encoder.encode(cycle)));
  return rollUp.cycles();
}

describe('roll-up', () => {
  const cycles = takeCycles({ groups: 5, partitions: 3, changing: 0.7, start: START + 7_000, intervalMs: 30_000 }, 40);
  const buckets = fold(cycles, 5 * 60_000);

  it('makes one cycle per bucket at its start, with every group', () => {
    expect(buckets.map((b) => b.at)).toEqual([0, 1, 2, 3].map((i) => START + i * 5 * 60_000));
    expect(buckets.every((b) => b.groups.length === 5)).toBe(true);
  });

  it('keeps the largest lag and time lag, the worst status and the last offsets of a bucket', () => {
    const bucket = buckets[1]!;
    const inBucket = cycles.filter((c) => c.at >= bucket.at && c.at < bucket.at + 5 * 60_000);
    expect(inBucket).toHaveLength(10);
    const group = bucket.groups.find((g) => g.groupId === 'group-0004')!;
    const seen = inBucket.map((c) => c.groups[4]!);
    expect(group.totalLag).toBe(Math.max(...seen.map((g) => g.totalLag)));
    expect(group.maxTimeLagMs).toBe(Math.max(...seen.map((g) => g.maxTimeLagMs ?? 0)));
    expect(group.status).toBe(seen.some((g) => g.status === 'WARN') ? 'WARN' : 'OK');
    const p2 = seen.map((g) => g.partitions[2]!);
    expect(group.partitions[2]).toMatchObject({
      lag: Math.max(...p2.map((p) => p.lag)),
      offset: p2.at(-1)!.offset,
      logEnd: p2.at(-1)!.logEnd,
      lastCommitAt: p2.at(-1)!.lastCommitAt,
    });
  });

  it('folding a roll-up again, alone or with its raw cycles, gives the same buckets', () => {
    expect(fold(buckets, 5 * 60_000)).toEqual(buckets);
    expect(
      fold(
        [...buckets, ...cycles].sort((a, b) => a.at - b.at),
        5 * 60_000,
      ),
    ).toEqual(buckets);
  });
});
