import type { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLagMonitor, type LagMonitor } from '../../engine/lag/lag-monitor.js';
import type { LagCycle } from '../../engine/lag/lag-status.js';
import { defaultBroker, kafkaClient, uniqueName } from '../bench/helpers.js';
import { createLagScale, type LagScale } from '../bench/lag-scale.js';

// 2,000 groups of 10 partitions each (20 topics of 10 partitions, 100 records a partition), evaluated
// by one monitor: every group and partition is in the cycle, and every lag is the log end minus the
// offset the group committed (known by construction; the log ends read again with kafkajs's admin).
// How long a cycle takes and what it costs is measured by `npm run bench -- --only lag`, not asserted.

const GROUPS = 2_000;
const PARTITIONS = 10;
let kafka: Kafka;
let scale: LagScale;
let monitor: LagMonitor;
const cycles: LagCycle[] = [];

beforeAll(async () => {
  kafka = kafkaClient(defaultBroker().bootstrap);
  scale = await createLagScale(kafka, {
    prefix: uniqueName('lag-scale'),
    groups: GROUPS,
    topics: 20,
    partitions: PARTITIONS,
    records: 100,
  });
  monitor = createLagMonitor({
    cluster: 'bench',
    kafka,
    groups: scale.groups.map((g) => g.groupId),
  });
  cycles.push(await monitor.runCycle());
  cycles.push(await monitor.runCycle());
}, 600_000);

afterAll(async () => {
  await monitor?.stop();
  // The bench broker is shared by the files after this one: 2,000 groups left behind would be in every
  // later overview and in every cycle of the console's lag monitor (console-lag.test.ts).
  if (!scale) return;
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteGroups(scale.groups.map((g) => g.groupId));
    await admin.deleteTopics({ topics: scale.topics });
  } finally {
    await admin.disconnect();
  }
}, 120_000);

describe(`lag monitor at scale on Kafka ${defaultBroker().kafkaVersion}`, () => {
  it('the log ends are what was produced (kafkajs admin)', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      for (const topic of scale.topics) {
        const offsets = await admin.fetchTopicOffsets(topic);
        expect(offsets.map((o) => Number(o.high))).toEqual(Array(PARTITIONS).fill(scale.logEnd));
      }
    } finally {
      await admin.disconnect();
    }
  });

  it('evaluates every group and partition, each lag the log end minus the committed offset', () => {
    for (const cycle of cycles) {
      expect(cycle.groups.length).toBe(GROUPS);
      const byId = new Map(cycle.groups.map((g) => [g.groupId, g]));
      for (const expected of scale.groups) {
        const group = byId.get(expected.groupId)!;
        expect(group, expected.groupId).toBeDefined();
        const partitions = [...group.partitions].sort((a, b) => a.partition - b.partition);
        expect(partitions.map((p) => [p.topic, p.partition, p.offset, p.logEnd, p.lag])).toEqual(
          expected.committed.map((offset, partition) => [
            expected.topic,
            partition,
            offset,
            scale.logEnd,
            scale.logEnd - offset,
          ]),
        );
        expect(group.totalLag).toBe(expected.committed.reduce((sum, offset) => sum + (scale.logEnd - offset), 0));
      }
    }
  });

  it('reads the log ends in one ListOffsets per broker and reports the cost of each cycle', () => {
    for (const cycle of cycles) {
      // ListGroups, one OffsetFetch per group (its coordinator found once, at the first cycle),
      // Metadata, ListOffsets once per broker, a few Fetches for time lag and the commit log tail.
      expect(cycle.cost.requests).toBeGreaterThanOrEqual(GROUPS);
      expect(cycle.cost.requests).toBeLessThan((cycle === cycles[0] ? 2 : 1) * GROUPS + 200);
      expect(cycle.cost.cpuMs).toBeGreaterThan(0);
      expect(cycle.cost.heapUsedBytes).toBeGreaterThan(0);
    }
    const [first, second] = cycles;
    console.log(
      `lag monitor, ${GROUPS} groups x ${PARTITIONS} partitions: ` +
        [first!, second!]
          .map(
            (c) =>
              `${c.cost.durationMs} ms, ${c.cost.cpuMs} ms CPU, ${c.cost.requests} requests, heap ${Math.round(c.cost.heapUsedBytes / 1048576)} MiB`,
          )
          .join(' | '),
    );
  });

  it('gives the time lag of a partition behind once its record has been read', () => {
    const known = cycles[1]!.groups.flatMap((g) => g.partitions).filter((p) => p.timeLagMs !== null);
    expect(known.length).toBeGreaterThan(0);
    for (const p of known) expect(p.lag).toBeGreaterThan(0);
  });
});
