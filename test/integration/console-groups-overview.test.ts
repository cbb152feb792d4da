import type { Admin, Consumer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapBounded } from '../../engine/groups/map-bounded.js';
import { formatCommitTag } from '../../engine/offsets/commit-metadata.js';
import type { GroupsOverview, SluiceApi } from '../../main/ipc/contract.js';
import { benchShape, createTopic, kafkaClient, produceN, uniqueName, waitFor } from '../bench/helpers.js';
import { kafkaConsumerGroups } from '../bench/kafka-tools.js';
import { captureForReadme, saveClusterInPage, startConsole, type Console } from '../e2e/console-kit.js';
import { GroupsPage } from '../e2e/pages/GroupsPage.js';

// Issue 17: the groups overview with 500 real groups on the bench broker. Their committed offsets
// are set with the admin API (a few groups have live consumers, so states differ); the table must
// count all of them, sort the known laggard first, filter, keep only a window of rows in the DOM,
// and show the lag Kafka's own ConsumerGroupCommand reads.

const GROUPS = 500;
const ACTIVE = 3;
let app: Console;
let page: GroupsPage;
let admin: Admin;
const consumers: Consumer[] = [];
const cluster = uniqueName('overview-e2e');
const prefix = uniqueName('ov');
const bootstrap = () => benchShape('kraft').bootstrap;
const name = (i: number) => `${prefix}-g${String(i).padStart(3, '0')}`;
const laggard = `${prefix}-laggard`;
const activeGroup = (i: number) => `${prefix}-live${i}`;
let wide: string;
let narrow: string;
let idle: string;

beforeAll(async () => {
  admin = kafkaClient(bootstrap()).admin();
  await admin.connect();
  // wide: 3 partitions of 50 records; narrow: 2 of 30; idle: no records (the live consumers' topic).
  wide = await createTopic(bootstrap(), { topic: uniqueName('ov-wide'), partitions: 3 });
  narrow = await createTopic(bootstrap(), { topic: uniqueName('ov-narrow'), partitions: 2 });
  idle = await createTopic(bootstrap(), { topic: uniqueName('ov-idle'), partitions: 1 });
  for (const p of [0, 1, 2]) await produceN(bootstrap(), wide, 50, { partition: p });
  for (const p of [0, 1]) await produceN(bootstrap(), narrow, 30, { partition: p });

  // Groups 0..495 commit part of the logs (at most 50+50+30 behind); the laggard commits 0 everywhere.
  const plain = Array.from({ length: GROUPS - ACTIVE - 1 }, (_, i) => i);
  const commits: [string, TopicOffsets[]][] = plain.map((i) => [
    name(i),
    [
      { topic: wide, partitions: [at(0, i % 51), at(1, (i * 7) % 51)] },
      ...(i % 2 === 0 ? [{ topic: narrow, partitions: [at(0, i % 31)] }] : []),
    ],
  ]);
  commits.push([
    laggard,
    [
      { topic: wide, partitions: [0, 1, 2].map((p) => at(p, 0)) },
      { topic: narrow, partitions: [0, 1].map((p) => at(p, 0)) },
    ],
  ]);
  // One group committed as a Sluice job does: its commit metadata carries the checkpoint time.
  const tagged = commits.find(([group]) => group === name(1))![1][0]!;
  tagged.partitions = tagged.partitions.map((p) => ({
    ...p,
    metadata: formatCommitTag({ job: 'j', checkpointId: 3, at: taggedAt }),
  }));
  await commitOffsets(commits);
  for (let i = 0; i < ACTIVE; i++) {
    const consumer = kafkaClient(bootstrap(), { clientId: `ov-member-${i}` }).consumer({ groupId: activeGroup(i) });
    await consumer.connect();
    await consumer.subscribe({ topics: [idle] });
    await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
    consumers.push(consumer);
  }
  for (let i = 0; i < ACTIVE; i++) {
    await waitFor(async () => (await admin.describeGroups([activeGroup(i)])).groups[0]?.state === 'Stable', {
      message: `group ${activeGroup(i)} to be Stable`,
    });
  }

  app = await startConsole();
  page = new GroupsPage(app.browser);
  await app.browser.url(app.mode.server.url);
  await saveClusterInPage(app.browser, cluster, bootstrap());
}, 240_000);

afterAll(async () => {
  await Promise.all(consumers.map((c) => c.disconnect()));
  await admin?.disconnect();
  await app?.close();
});

interface TopicOffsets {
  topic: string;
  partitions: { partition: number; offset: string; metadata?: string }[];
}
const taggedAt = Date.now() - 3 * 60_000;
const at = (partition: number, offset: number) => ({ partition, offset: String(offset) });

/**
 * Commits offsets for many groups fast: kafkajs's admin.setOffsets joins each group with a consumer
 * (a rebalance per group); a transaction's sendOffsets (TxnOffsetCommit) commits without joining.
 */
async function commitOffsets(commits: [string, TopicOffsets[]][]): Promise<void> {
  const lanes = 8;
  await mapBounded(
    Array.from({ length: lanes }, (_, lane) => lane),
    lanes,
    async (lane) => {
      const producer = kafkaClient(bootstrap()).producer({
        transactionalId: `${prefix}-committer-${lane}`,
        idempotent: true,
        maxInFlightRequests: 1,
      });
      await producer.connect();
      try {
        for (let i = lane; i < commits.length; i += lanes) {
          const [consumerGroupId, topics] = commits[i]!;
          const transaction = await producer.transaction();
          // The broker may still be closing the lane's previous transaction: it answers
          // CONCURRENT_TRANSACTIONS, which kafkajs does not retry for sendOffsets.
          for (let attempt = 1; ; attempt++) {
            try {
              await transaction.sendOffsets({ consumerGroupId, topics });
              break;
            } catch (error) {
              if ((error as { type?: string }).type !== 'CONCURRENT_TRANSACTIONS' || attempt >= 50) throw error;
              await new Promise((resolve) => setTimeout(resolve, 20));
            }
          }
          await transaction.commit();
        }
      } finally {
        await producer.disconnect();
      }
    },
  );
}

/** The overview as the page's store reads it, through the same API. */
const overviewInPage = async (): Promise<GroupsOverview> =>
  (await app.browser.execute(
    (c) => (globalThis as unknown as { sluice: SluiceApi }).sluice.invoke('groups:overview', { cluster: c }),
    cluster,
  )) as unknown as GroupsOverview;

/** Total lag per group from `kafka-consumer-groups.sh --describe --all-groups`. */
async function lagByTool(): Promise<Map<string, number>> {
  const out = await kafkaConsumerGroups(['--bootstrap-server', bootstrap(), '--describe', '--all-groups']);
  expect(out.code, out.stderr).toBe(0);
  const lag = new Map<string, number>();
  // GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID
  for (const line of out.stdout.split('\n')) {
    const [group, , partition, current, , partitionLag] = line.trim().split(/\s+/);
    if (!group?.startsWith(prefix) || !/^\d+$/.test(partition ?? '') || !/^\d+$/.test(current ?? '')) continue;
    lag.set(group, (lag.get(group) ?? 0) + Number(partitionLag));
  }
  return lag;
}

describe('the consumer groups overview', () => {
  it('shows 500 groups, sorts the laggard first, filters, windows its rows and matches Kafka’s own lag', async () => {
    await page.open(cluster);
    await page.filter(prefix);
    await app.browser.waitUntil(async () => (await page.countLine()).startsWith(`${GROUPS}`), {
      timeout: 60_000,
      timeoutMsg: `the overview did not count ${GROUPS} groups`,
    });
    const overview = await overviewInPage();
    const mine = overview.rows.filter((r) => r.groupId.startsWith(prefix));
    expect(mine).toHaveLength(GROUPS);
    const total = overview.rows.length;
    expect(await page.countLine()).toBe(total === GROUPS ? `${GROUPS} groups` : `${GROUPS} of ${total} groups`);

    // Rows are windowed: a few dozen in the DOM, not 500.
    const rendered = await page.renderedRows();
    expect(rendered.length).toBeGreaterThan(5);
    expect(rendered.length).toBeLessThan(80);

    // Largest lag first: the laggard (3×50 + 2×30 behind), then by lag.
    await page.sortBy('Total lag');
    const byLag = await page.renderedRows();
    expect(byLag[0]!.slice(0, 5)).toEqual([laggard, 'Empty', '0', [narrow, wide].sort().join(', '), '210']);
    const lags = byLag.map((cells) => Number(cells[4]!.replaceAll(',', '')));
    expect(lags).toEqual([...lags].sort((a, b) => b - a));
    await captureForReadme(app.browser, 'groups-overview');

    // Filtering narrows: the live groups by name, then by state.
    await page.filter(`${prefix}-live`);
    await app.browser.waitUntil(async () => (await page.countLine()) === `${ACTIVE} of ${total} groups`, {
      timeoutMsg: 'the name filter did not narrow to the live groups',
    });
    const live = await page.renderedRows();
    expect(live.map((cells) => [cells[1], cells[2], cells[3], cells[4]])).toEqual(
      Array.from({ length: ACTIVE }, () => ['Stable', '1', idle, '–']),
    );
    await page.filter(prefix);
    await page.filterState('Stable');
    await app.browser.waitUntil(async () => (await page.countLine()) === `${ACTIVE} of ${total} groups`, {
      timeoutMsg: 'the state filter did not narrow to the Stable groups',
    });
    await page.filterState('');

    // The lag of every group matches Kafka's own tool (groups without commits have none in either).
    const tool = await lagByTool();
    const shown = new Map(mine.filter((r) => r.totalLag !== null).map((r) => [r.groupId, r.totalLag]));
    expect(shown.size).toBe(GROUPS - ACTIVE);
    expect(shown).toEqual(tool);
    // The last commit is known only where Sluice's commit metadata says when.
    expect(mine.filter((r) => r.lastCommitAt !== null).map((r) => [r.groupId, r.lastCommitAt])).toEqual([
      [name(1), taggedAt],
    ]);
    await page.filter(name(1));
    await app.browser.waitUntil(async () => (await page.countLine()) === `1 of ${total} groups`, {
      timeoutMsg: `the filter did not narrow to ${name(1)}`,
    });
    expect((await page.renderedRows())[0]![5]).toMatch(/^3 min ago$/);

    // The cost: offsets once per group, describes in batches, log bounds once per topic (two
    // ListOffsets each, earliest and latest), whatever the number of groups.
    const requests = overview.cost.requests;
    expect(requests['OffsetFetch']).toBe(total);
    expect(requests['DescribeGroups']).toBeLessThanOrEqual(Math.ceil(total / 250));
    expect(requests['ListOffsets']).toBe(2 * overview.cost.topics);
    console.log(`groups overview cost: ${JSON.stringify(overview.cost)}`);

    // A row opens the group's detail.
    await page.openGroup(laggard);
    expect(await page.title()).toContain(`${laggard}`);
    expect(await page.title()).toContain('lag 210');
  }, 240_000);
});
