// Synthetic monitor cycles for the lag history's specs, its size measurement and its SIGKILL test:
// `groups` groups of `partitions` partitions each, every `intervalMs`, of which a `changing`
// share commits and grows each cycle (the rest stand still), with a seeded PRNG so a run repeats.
import { evaluateGroup } from '../../engine/lag/evaluate.js';
import type { LagCycle, PartitionEvaluation } from '../../engine/lag/lag-status.js';

export interface SyntheticCycleOptions {
  groups: number;
  partitions: number;
  /** Share of partitions that commit (and receive records) in a cycle, 0..1. */
  changing: number;
  start: number;
  intervalMs?: number;
  seed?: number;
  cluster?: string;
}

/** Cycles one after the other, forever (take as many as needed). */
export function* syntheticCycles(options: SyntheticCycleOptions): Generator<LagCycle> {
  const intervalMs = options.intervalMs ?? 30_000;
  let seed = options.seed ?? 1;
  // mulberry32: a plain LCG repeats patterns that deflate finds, which real offsets do not have.
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const state = Array.from({ length: options.groups }, (_, g) =>
    Array.from({ length: options.partitions }, (_, p) => ({
      offset: 1_000 * g + p,
      logEnd: 1_000 * g + p + Math.floor(random() * 50),
      lastCommitAt: options.start - intervalMs,
    })),
  );
  for (let cycle = 0; ; cycle++) {
    const at = options.start + cycle * intervalMs;
    const groups = state.map((partitions, g) => {
      const evaluations = partitions.map((s, p): PartitionEvaluation => {
        if (random() < options.changing) {
          s.logEnd += 1 + Math.floor(random() * 200);
          // Now and then a commit of the same offset again (a stalled consumer still committing).
          if (random() > 0.1) s.offset = Math.min(s.logEnd, s.offset + Math.floor(random() * 220));
          s.lastCommitAt = at - Math.floor(random() * intervalMs);
        }
        const lag = s.logEnd - s.offset;
        return {
          topic: `topic-${g % 50}`,
          partition: p,
          status: lag > 150 ? 'WARN' : 'OK',
          lag,
          timeLagMs: lag === 0 ? null : lag * 37,
          offset: s.offset,
          lastCommitAt: s.lastCommitAt,
          logEnd: s.logEnd,
          complete: Math.min(1, (cycle + 1) / 10),
        };
      });
      return evaluateGroup(`group-${String(g).padStart(4, '0')}`, evaluations);
    });
    yield {
      cluster: options.cluster ?? 'synthetic',
      at,
      groups,
      cost: { requests: 3, durationMs: 10, cpuMs: 5, heapUsedBytes: 1 },
    };
  }
}

/** The first `count` cycles. */
export function takeCycles(options: SyntheticCycleOptions, count: number): LagCycle[] {
  const out: LagCycle[] = [];
  for (const cycle of syntheticCycles(options)) {
    if (out.length >= count) break;
    out.push(cycle);
  }
  return out;
}
