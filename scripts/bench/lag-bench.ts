// The lag monitor in `npm run bench` ("Lag monitor" section; `--only lag` runs just it and replaces
// only its section of BENCHMARKS.md): 2,000 groups of 10 partitions each, committed by construction
// (test/bench/lag-scale.ts), evaluated cycle after cycle by one monitor in this process. Per cycle:
// wall time, CPU, requests, heap and resident memory.
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Kafka } from 'kafkajs';
import { createLagMonitor } from '../../engine/lag/lag-monitor.js';
import { LAG_DEFAULTS, type LagCycle } from '../../engine/lag/lag-status.js';
import { createLagScale } from '../../test/bench/lag-scale.js';

export const LAG_SECTION = '## Lag monitor';

export interface LagBenchOptions {
  kafka: Kafka;
  groups: number;
  cycles: number;
  log(line: string): void;
}

export interface LagBenchCycle {
  durationMs: number;
  cpuMs: number;
  requests: number;
  heapMiB: number;
  rssMiB: number;
  timeLagKnown: number;
  behind: number;
}

export interface LagBenchResult {
  groups: number;
  partitionsPerGroup: number;
  topics: number;
  setupMs: number;
  cycles: LagBenchCycle[];
  loadAtStart: number;
  allCorrect: boolean;
}

const PARTITIONS = 10;
const TOPICS = 20;
const RECORDS = 100;
const MiB = 1024 * 1024;

/** A full GC (node's `gc`, exposed here rather than by a flag on `npm run bench`). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

export async function benchLag(options: LagBenchOptions): Promise<LagBenchResult> {
  const loadAtStart = loadavg()[0] ?? 0;
  const started = Date.now();
  const prefix = `lag-bench-${started.toString(36)}`;
  options.log(`lag monitor: ${options.groups} groups of ${PARTITIONS} partitions (${TOPICS} topics), committing`);
  const scale = await createLagScale(options.kafka, {
    prefix,
    groups: options.groups,
    topics: TOPICS,
    partitions: PARTITIONS,
    records: RECORDS,
  });
  const setupMs = Date.now() - started;
  const monitor = createLagMonitor({
    cluster: 'bench',
    kafka: options.kafka,
    groups: scale.groups.map((g) => g.groupId),
  });
  const expected = new Map(scale.groups.map((g) => [g.groupId, g.committed.reduce((s, c) => s + (RECORDS - c), 0)]));
  const cycles: LagBenchCycle[] = [];
  let allCorrect = true;
  try {
    for (let i = 0; i < options.cycles; i++) {
      const cycle: LagCycle = await monitor.runCycle();
      const partitions = cycle.groups.flatMap((g) => g.partitions);
      const correct =
        cycle.groups.length === options.groups && cycle.groups.every((g) => expected.get(g.groupId) === g.totalLag);
      allCorrect &&= correct;
      // What the monitor keeps, not the garbage of the cycle: the heap after a full collection.
      collectGarbage();
      const row: LagBenchCycle = {
        durationMs: cycle.cost.durationMs,
        cpuMs: cycle.cost.cpuMs,
        requests: cycle.cost.requests,
        heapMiB: process.memoryUsage().heapUsed / MiB,
        rssMiB: process.memoryUsage().rss / MiB,
        behind: partitions.filter((p) => p.lag > 0).length,
        timeLagKnown: partitions.filter((p) => p.timeLagMs !== null).length,
      };
      cycles.push(row);
      options.log(
        `  cycle ${i + 1}: ${row.durationMs} ms, ${row.cpuMs} ms CPU, ${row.requests} requests, heap ${row.heapMiB.toFixed(0)} MiB, RSS ${row.rssMiB.toFixed(0)} MiB${correct ? '' : ' WRONG LAG'}`,
      );
    }
  } finally {
    await monitor.stop();
  }
  return {
    groups: options.groups,
    partitionsPerGroup: PARTITIONS,
    topics: TOPICS,
    setupMs,
    cycles,
    loadAtStart,
    allCorrect,
  };
}

export function renderLagSection(r: LagBenchResult): string {
  const interval = LAG_DEFAULTS.intervalMs;
  const rows = r.cycles.map(
    (c, i) =>
      `| ${i + 1} | ${c.durationMs.toLocaleString('en-US')} ms | ${c.cpuMs.toLocaleString('en-US')} ms | ${c.requests.toLocaleString('en-US')} | ${c.heapMiB.toFixed(0)} MiB | ${c.rssMiB.toFixed(0)} MiB | ${c.timeLagKnown.toLocaleString('en-US')} of ${c.behind.toLocaleString('en-US')} |`,
  );
  const worst = Math.max(...r.cycles.map((c) => c.durationMs));
  return `${LAG_SECTION}

${r.groups.toLocaleString('en-US')} consumer groups of ${r.partitionsPerGroup} partitions each (${r.topics} topics of ${r.partitionsPerGroup} partitions, ${RECORDS} records a partition), committed without members
(set up in ${(r.setupMs / 1000).toFixed(1)} s), evaluated by one lag monitor (engine/lag/lag-monitor.ts) cycle after cycle in the bench's
process; \`npm run bench -- --only lag\` runs just this section. Load average at the start: ${r.loadAtStart.toFixed(2)} on 2 cores shared with other engineers' test runs.

| cycle | wall time | CPU (user + system) | Kafka requests | heap after a full GC | resident set | time lag known (partitions behind) |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}

- Every group's lag was ${r.allCorrect ? 'the committed offsets against the log ends, in every cycle' : '**not** what was committed in some cycle'}.
- The slowest cycle took ${(worst / 1000).toFixed(1)} s of the default ${interval / 1000} s interval.
- Requests: the first cycle finds each group's coordinator (FindCoordinator per group), later cycles remember it: ListGroups, one OffsetFetch per group (kafkajs speaks OffsetFetch up to v4, one group per request), Metadata, one ListOffsets per broker for all topics, a few Fetches for time lag, and the __consumer_offsets tail's Fetches since the last cycle.
- Time lag is read for at most 2,000 new (partition, offset) pairs a cycle and cached, so it fills in over the first cycles.
`;
}
