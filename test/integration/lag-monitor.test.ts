import { Partitioners, type Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLagMonitor, type LagMonitor } from '../../engine/lag/lag-monitor.js';
import type { GroupEvaluation, LagCycle, LevelChange, PartitionStatus } from '../../engine/lag/lag-status.js';
import { createTopic, defaultBroker, freshGroup, kafkaClient, produceN, waitFor } from '../bench/helpers.js';
import { kcatConsume } from '../bench/kcat.js';
import { committingMember, pacedConsumer, steadyProducer, type Running } from './lag-drivers.js';

// The lag monitor against real consumers on the bench broker (Kafka 3.9, and 4.x in the kraft4
// pass): each consumer reaches one of Burrow's statuses and the monitor names it within two cycles
// of the group's window filling. Commits are read from __consumer_offsets, which is what tells a
// group committing the same offset (STALL) from one not committing (STOP); a second monitor that
// only polls committed offsets shows that difference gone.

const INTERVAL_MS = 1_000;
const WINDOW = 5;
const bootstrap = () => defaultBroker().bootstrap;

interface Scenario {
  name: string;
  group: string;
  topic: string;
}

let kafka: Kafka;
let monitor: LagMonitor;
let polledMonitor: LagMonitor;
const cycles: LagCycle[] = [];
const polledCycles: LagCycle[] = [];
const changes: LevelChange[] = [];
const running: Running[] = [];
const scenarios: Record<'ok' | 'warn' | 'stop' | 'stall' | 'rewind' | 'idle' | 'polled', Scenario> = {} as never;
let rewindNow = false;
let stopConsumer: Running | undefined;

const groupIn = (cycle: LagCycle, group: string): GroupEvaluation | undefined =>
  cycle.groups.find((g) => g.groupId === group);

/** The group's last cycles, for a failure message: status, lag, committed offset, commit age, log end. */
const trail = (list: LagCycle[], group: string) =>
  list
    .slice(-6)
    .map((c) => {
      const p = groupIn(c, group)?.partitions[0];
      return p
        ? `${p.status} lag=${p.lag} offset=${p.offset} age=${c.at - (p.lastCommitAt ?? c.at)}ms end=${p.logEnd}`
        : '-';
    })
    .join('; ');

/** The index of the first cycle (from `from`) where the group's window is full. */
async function windowFull(list: LagCycle[], group: string, from = 0): Promise<number> {
  return waitFor(
    () => {
      const index = list.findIndex((c, i) => i >= from && (groupIn(c, group)?.complete ?? 0) >= 1);
      return index >= 0 ? index + 1 : 0;
    },
    { message: () => `the window of ${group} to fill (${trail(list, group)})`, timeoutMs: 60_000 },
  ).then((i) => i - 1);
}

/** The statuses of `group` in the cycle at `index` and the two after it. */
async function statusesFrom(list: LagCycle[], group: string, index: number): Promise<PartitionStatus[]> {
  await waitFor(() => list.length >= index + 3, { message: `two more cycles after cycle ${index}`, timeoutMs: 30_000 });
  return list.slice(index, index + 3).map((c) => groupIn(c, group)?.status ?? 'OK');
}

beforeAll(async () => {
  kafka = kafkaClient(bootstrap());
  for (const name of ['ok', 'warn', 'stop', 'stall', 'rewind', 'idle', 'polled'] as const) {
    scenarios[name] = {
      name,
      group: freshGroup(`lag-${name}`),
      topic: await createTopic(bootstrap(), { partitions: 1 }),
    };
  }
  const { ok, warn, stop, stall, rewind, idle, polled } = scenarios;
  await produceN(bootstrap(), idle.topic, 10);
  // Producers first, so the slow consumers start behind.
  running.push(await steadyProducer(kafka, ok.topic, 10, 2_000)); // bursts, read at once
  running.push(await steadyProducer(kafka, stop.topic, 5, 1_000)); // bursts
  running.push(await steadyProducer(kafka, stall.topic, 1, 200));
  running.push(await steadyProducer(kafka, polled.topic, 1, 200));
  running.push(await steadyProducer(kafka, rewind.topic, 2, 200)); // 10 records/s
  const groups = Object.values(scenarios)
    .filter((s) => s !== polled)
    .map((s) => s.group);
  const options = { cluster: 'bench', kafka, intervalMs: INTERVAL_MS, windowSize: WINDOW, groups };
  monitor = createLagMonitor(options);
  monitor.on('cycle', (c) => cycles.push(c));
  monitor.on('change', (c) => changes.push(c));
  polledMonitor = createLagMonitor({ ...options, groups: [polled.group], commitSource: 'polled' });
  polledMonitor.on('cycle', (c) => polledCycles.push(c));
  monitor.start();
  polledMonitor.start();
  await waitFor(() => cycles.length > 0, { message: 'the first cycle' });
  let polledCommits = 0;
  let warnOffset = 0;
  const warnProducer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await warnProducer.connect();
  running.push({ stop: () => warnProducer.disconnect() });
  const recordsOf = (n: number) => Array.from({ length: n }, (_, i) => ({ partition: 0, value: `w-${i}` }));
  let rewinding = 0;
  const members = await Promise.all([
    pacedConsumer(kafka, ok.topic, ok.group, 0),
    // Slower than its producer by construction: 5 records written before each commit, which moves
    // one record on, so the lag grows by 4 at every commit however the machine is loaded.
    committingMember(
      kafka,
      warn.topic,
      warn.group,
      300,
      () => (warnOffset += 1),
      async () => void (await warnProducer.send({ topic: warn.topic, messages: recordsOf(5) })),
    ),
    pacedConsumer(kafka, idle.topic, idle.group, 0),
    pacedConsumer(kafka, stop.topic, stop.group, 0),
    committingMember(kafka, stall.topic, stall.group, 300, () => 3),
    // Offset 1 for 3 s (a few polls see it), then 3 again and again, for the monitor that only polls.
    committingMember(kafka, polled.topic, polled.group, 300, () => (polledCommits++ < 10 ? 1 : 3)),
    committingMember(kafka, rewind.topic, rewind.group, 300, () => {
      if (rewindNow) {
        rewindNow = false;
        rewinding = Math.max(0, rewinding - 15);
      }
      return (rewinding += 1); // 3 records/s
    }),
  ]);
  stopConsumer = members[3];
  running.push(...members.filter((m) => m !== stopConsumer));
}, 120_000);

afterAll(async () => {
  await monitor?.stop();
  await polledMonitor?.stop();
  await Promise.all([...running, ...(stopConsumer ? [stopConsumer] : [])].map((r) => r.stop().catch(() => undefined)));
});

describe(`lag monitor on Kafka ${defaultBroker().kafkaVersion}`, () => {
  it('reads commit events from __consumer_offsets', () => {
    expect(cycles[0]?.commitSourceNote).toBeUndefined();
    expect(cycles[0]?.commitSource).toBe('commit-log');
  });

  it('names a consumer keeping up OK', async () => {
    const full = await windowFull(cycles, scenarios.ok.group);
    expect(await statusesFrom(cycles, scenarios.ok.group, full)).toEqual(['OK', 'OK', 'OK']);
  });

  it('names a consumer slower than its producer WARN, with its time lag', async () => {
    const { group, topic } = scenarios.warn;
    const full = await windowFull(cycles, group);
    expect(await statusesFrom(cycles, group, full), trail(cycles, group)).toContain('WARN');
    const cycle = cycles.findLast((c) => groupIn(c, group)?.status === 'WARN')!;
    const [p] = groupIn(cycle, group)!.partitions;
    expect(p!.lag).toBeGreaterThan(0);
    expect(p!.lag).toBe(p!.logEnd - p!.offset!);
    // The time lag is the age of the record at the committed offset, read here with kcat.
    const [record] = await kcatConsume(bootstrap(), topic, { partition: 0, from: { offset: p!.offset! }, count: 1 });
    expect(record!.offset).toBe(p!.offset);
    expect(p!.timeLagMs).toBe(cycle.at - record!.timestamp);
    expect(changes.some((c) => c.groupId === group && c.to === 'WARN')).toBe(true);
  });

  it('names a consumer that stops committing while records arrive STOP', async () => {
    const { group } = scenarios.stop;
    const full = await windowFull(cycles, group);
    expect(await statusesFrom(cycles, group, full), trail(cycles, group)).toEqual(['OK', 'OK', 'OK']);
    await stopConsumer!.stop();
    const stoppedAt = cycles.length;
    const index = await waitFor(
      () => cycles.findIndex((c, i) => i >= stoppedAt && groupIn(c, group)?.status === 'STOP') + 1,
      {
        message: () => `${group} to turn STOP (${trail(cycles, group)})`,
        timeoutMs: 30_000,
      },
    );
    expect(groupIn(cycles[index - 1]!, group)!.level).toBe('ERR');
    expect(changes.some((c) => c.groupId === group && c.to === 'ERR' && c.status === 'STOP')).toBe(true);
  });

  it('names a group committing the same offset again STALL', async () => {
    const { group } = scenarios.stall;
    const full = await windowFull(cycles, group);
    expect(await statusesFrom(cycles, group, full), trail(cycles, group)).toContain('STALL');
    expect(groupIn(cycles.at(-1)!, group)!.partitions[0]!.offset).toBe(3);
  });

  it('without commit events (polled), the same offset committed again reads as STOP', async () => {
    const { group } = scenarios.polled;
    await waitFor(() => polledCycles.some((c) => groupIn(c, group)?.status === 'STOP'), {
      message: 'the polled monitor to see STOP',
      timeoutMs: 30_000,
    });
    expect(polledCycles.every((c) => c.commitSource === 'polled' && /polled/.test(c.commitSourceNote ?? ''))).toBe(
      true,
    );
    expect(polledCycles.some((c) => groupIn(c, group)?.status === 'STALL')).toBe(false);
  });

  it('names a group reset back REWIND', async () => {
    const { group } = scenarios.rewind;
    const full = await windowFull(cycles, group);
    expect(groupIn(cycles[full]!, group)!.status).not.toBe('REWIND');
    rewindNow = true;
    await waitFor(() => !rewindNow, { message: 'the lower commit' });
    const after = cycles.length;
    expect(await statusesFrom(cycles, group, after), trail(cycles, group)).toContain('REWIND');
  });

  it('names a consumer idle on an idle topic OK, never STOP', async () => {
    const { group } = scenarios.idle;
    await waitFor(() => cycles.some((c) => groupIn(c, group)?.partitions[0]?.offset === 10), {
      message: `${group} to commit offset 10`,
    });
    const from = cycles.length;
    await waitFor(() => cycles.length >= from + 8, { message: '8 more cycles', timeoutMs: 30_000 });
    const statuses = cycles.slice(from).map((c) => groupIn(c, group)!.status);
    expect(new Set(statuses)).toEqual(new Set(['OK']));
    expect(groupIn(cycles.at(-1)!, group)!.totalLag).toBe(0);
  });

  it('reads the time lag at the offset it judges, when the commit log is ahead of the offset polled', async () => {
    const topic = await createTopic(bootstrap(), { partitions: 1 });
    const group = freshGroup('lag-ahead');
    const base = Date.now() - 600_000;
    await produceN(bootstrap(), topic, 10, { partition: 0, timestamp: (i) => base + i * 1_000 });
    const admin = kafka.admin();
    await admin.connect();
    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '2' }] });
    await admin.disconnect();
    const ahead = createLagMonitor({
      cluster: 'bench',
      kafka,
      intervalMs: INTERVAL_MS,
      windowSize: WINDOW,
      groups: [group],
    });
    try {
      // The window's last commit (offset 5) is newer than what OffsetFetch answers (offset 2), as when
      // a commit event is read between the cycle's OffsetFetch and its evaluation.
      ahead.seed(group, [{ topic, partition: 0, logEnd: 10, commits: [{ offset: 5, at: Date.now(), lag: 5 }] }]);
      const cycle = await ahead.runCycle();
      const [p] = groupIn(cycle, group)!.partitions;
      expect(p!.offset).toBe(5);
      expect(p!.lag).toBe(5);
      expect(p!.timeLagMs).toBe(cycle.at - (base + 5_000));
    } finally {
      await ahead.stop();
    }
  });

  it('counts the requests of every cycle', () => {
    for (const c of cycles) {
      expect(c.cost.requests).toBeGreaterThan(0);
      expect(c.cost.heapUsedBytes).toBeGreaterThan(0);
    }
  });
});
