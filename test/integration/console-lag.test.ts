import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Partitioners, type Admin, type Consumer, type Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SluiceApi } from '../../main/ipc/contract.js';
import { benchShape, createTopic, kafkaClient, uniqueName, waitFor } from '../bench/helpers.js';
import { kafkaConsumerGroups } from '../bench/kafka-tools.js';
import { buildCli, runCli } from './cli-kit.js';
import { captureForReadme, saveClusterInPage, startConsole, type Console } from '../e2e/console-kit.js';
import { GroupsPage } from '../e2e/pages/GroupsPage.js';
import { GroupLagSection, LagNotices, LagOverview, LagWatchToggle } from '../e2e/pages/LagPages.js';

// Issue 19, lag monitoring in the console: the cluster is watched (a monitor in the lag host
// process, every 2 s); a kafkajs group commits a few times and stops while a producer keeps
// writing (STOP), another keeps up (OK). The overview shows both statuses, the in-page notice
// appears and opens the group, whose page charts its history and lists partition statuses; muting
// it silences its recovery; the CSV export holds the stored rows, and its last committed offset is
// the one Kafka's own ConsumerGroupCommand reads.

const INTERVAL_S = 2;
const bootstrap = () => benchShape('kraft').bootstrap;
const cluster = uniqueName('lag-e2e');
const run = uniqueName('lagui');
const stopper = `${run}-stopper`;
const keeper = `${run}-keeper`;
let app: Console;
let admin: Admin;
let producer: Producer;
let keeperConsumer: Consumer;
let topic: string;
let downloads: string;
let producing: ReturnType<typeof setInterval> | undefined;
let produced = 0;

const send = async (count: number) => {
  await producer.send({
    topic,
    messages: Array.from({ length: count }, (_, i) => ({ key: `k${produced + i}`, value: `v${produced + i}` })),
  });
  produced += count;
};

const logEnd = async () => (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
const committed = async (group: string) =>
  (await admin.fetchOffsets({ groupId: group, topics: [topic] }))[0]!.partitions.reduce(
    (sum, p) => sum + Math.max(0, Number(p.offset)),
    0,
  );

/** A consumer group that reads and commits after each batch (kafkajs' default), from the start. */
async function runConsumer(groupId: string): Promise<Consumer> {
  const consumer = kafkaClient(bootstrap(), { clientId: groupId }).consumer({ groupId });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({ eachMessage: async () => undefined });
  return consumer;
}

beforeAll(async () => {
  await buildCli();
  topic = await createTopic(bootstrap(), { topic: uniqueName('lag-orders'), partitions: 2 });
  admin = kafkaClient(bootstrap()).admin();
  await admin.connect();
  producer = kafkaClient(bootstrap()).producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();

  keeperConsumer = await runConsumer(keeper);
  await send(10);
  downloads = await mkdtemp(join(tmpdir(), 'sluice-e2e-lag-'));
  app = await startConsole({ downloadDir: downloads });
  await app.browser.url(`${app.mode.server.url}&section=clusters`);
  await saveClusterInPage(app.browser, cluster, bootstrap());
  await app.browser.refresh();
  // Every change the console is told of, notified or muted, to check what the page did with it.
  await app.browser.execute(() => {
    const w = globalThis as unknown as { sluice: SluiceApi; lagChanges: unknown[] };
    w.lagChanges = [];
    w.sluice.on('lag:change', (change) => w.lagChanges.push(change));
  });
}, 120_000);

afterAll(async () => {
  clearInterval(producing);
  await keeperConsumer?.disconnect().catch(() => undefined);
  await producer?.disconnect().catch(() => undefined);
  await admin?.disconnect().catch(() => undefined);
  await app?.close();
});

describe('lag monitoring in the console', () => {
  it('watches a cluster: STOP and OK in the overview, a notice that opens the group, its charts, mute and CSV', async () => {
    const browser = app.browser;
    await new LagWatchToggle(browser).watch(cluster, INTERVAL_S);
    await browser.saveScreenshot(join(downloads, 'lag-clusters.png'));
    const watched = await browser.execute(() =>
      (globalThis as unknown as { sluice: SluiceApi }).sluice.invoke('lag:watched', undefined),
    );
    expect(watched).toEqual([{ cluster, watched: true, intervalMs: 2_000, windowSize: 10 }]);

    // The monitor's first cycle is in before the stopper starts, so it sees each of its commits.
    await waitFor(
      async () => {
        const status = await browser.execute(
          (name) => (globalThis as unknown as { sluice: SluiceApi }).sluice.invoke('lag:status', { cluster: name }),
          cluster,
        );
        return (status as unknown as { at: number | null }).at !== null;
      },
      { message: 'the lag monitor’s first cycle', timeoutMs: 60_000 },
    );
    // Watched from here on: the stopper commits four times, a little over a second apart (distinct
    // commits for its window), then leaves its group while records keep arriving.
    const stopping = await runConsumer(stopper);
    for (let burst = 0; burst < 4; burst++) {
      await send(20);
      const end = await logEnd();
      await waitFor(async () => (await committed(stopper)) === end, { message: `${stopper} to commit burst ${burst}` });
      await new Promise((resolve) => setTimeout(resolve, 1_200));
    }
    await stopping.disconnect();
    producing = setInterval(() => void send(5).catch(() => undefined), 500);

    const groups = new GroupsPage(browser);
    const overview = new LagOverview(browser);
    await groups.open(cluster);
    await groups.filter(run);
    await overview.waitForStatus(stopper, 'ERR (STOP)');
    await overview.waitForStatus(keeper, 'OK');
    expect(await overview.statusTooltip(stopper)).toMatch(new RegExp(`${topic}\\[\\d\\] STOP, lag \\d+`));
    expect(await overview.timeLag(stopper)).toMatch(/^\d+(ms|s|m)/);

    const notices = new LagNotices(browser);
    await notices.notice(stopper, 'ERR').waitForDisplayed({ timeout: 30_000 });
    expect(await notices.count(keeper, 'ERR')).toBe(0);
    await captureForReadme(browser, 'lag-overview');
    await browser.saveScreenshot(join(downloads, 'lag-overview.png'));

    // The notice opens the group's page: charts with points, the partitions' statuses.
    await notices.open(stopper, 'ERR');
    await browser.waitUntil(async () => (await groups.title()).startsWith(stopper), {
      timeoutMsg: `the notice to open ${stopper}`,
    });
    const section = new GroupLagSection(browser);
    await browser.waitUntil(async () => (await section.chartPoints()) >= 3, {
      timeout: 30_000,
      timeoutMsg: 'the lag chart to have 3 points',
    });
    expect(await section.chartTitles()).toEqual(['Lag (records)', 'Time lag (seconds)']);
    const statuses = await section.partitionStatuses();
    expect(statuses.map(([t, p, status]) => [t, p, status])).toEqual([
      [topic, '0', 'STOP'],
      [topic, '1', 'STOP'],
    ]);
    await section.chooseLines('partitions');
    await section.scrollIntoView();
    await captureForReadme(browser, 'lag-group');
    await browser.saveScreenshot(join(downloads, 'lag-group.png'));

    // The CLI judges the group from the history the console stored: ERR, exit 2.
    const check = await runCli([
      'lag',
      'check',
      cluster,
      '--group',
      stopper,
      '--state-dir',
      app.dataDir,
      '--interval',
      '2',
    ]);
    expect(check.code, check.stderr).toBe(2);
    expect(check.stdout).toMatch(/^ERR:/);

    // Muted, its recovery (committed at the log end) is told to the page but shows no notice.
    await section.mute();
    clearInterval(producing);
    const end = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({
      groupId: stopper,
      topic,
      partitions: end.map((p) => ({ partition: p.partition, offset: p.high })),
    });
    // The overview's rows are windowed and the broker holds every other test's groups: filter again.
    await groups.filter(run);
    await overview.waitForStatus(stopper, 'OK');
    const changes = await waitFor(
      async () => {
        const seen = await browser.execute(() =>
          JSON.stringify((globalThis as unknown as { lagChanges: unknown[] }).lagChanges),
        );
        const list = JSON.parse(seen as unknown as string) as { groupId: string; to: string; notify: boolean }[];
        return list.some((c) => c.groupId === stopper && c.to === 'OK') ? list : undefined;
      },
      { message: `the recovery of ${stopper} to reach the page` },
    );
    const mine = changes.filter((c) => c.groupId === stopper).map((c) => [c.to, c.notify]);
    expect(mine).toContainEqual(['ERR', true]);
    expect(mine.at(-1)).toEqual(['OK', false]);
    expect(await notices.count(stopper, 'OK')).toBe(0);

    // The CSV holds the stored rows: group totals and partitions, STOP among them; its last
    // committed offsets are what Kafka's own tool reads.
    await section.exportCsv();
    const name = await waitFor(async () => (await readdir(downloads)).find((n) => n.endsWith('.csv')), {
      message: `a downloaded CSV in ${downloads}`,
    });
    const rows = parse(await readFile(join(downloads, name), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(3);
    expect(new Set(rows.map((r) => r['group']))).toEqual(new Set([stopper]));
    expect(rows.some((r) => r['partition'] === '' && r['status'] === 'STOP' && r['level'] === 'ERR')).toBe(true);
    expect(rows.some((r) => r['topic'] === topic && r['status'] === 'STOP')).toBe(true);
    const lastCommitted = new Map<string, string>();
    for (const r of rows) if (r['topic'] === topic) lastCommitted.set(r['partition']!, r['committed_offset']!);
    const kafka = await kafkaConsumerGroups(['--bootstrap-server', bootstrap(), '--describe', '--group', stopper]);
    expect(kafka.code, kafka.stderr).toBe(0);
    // GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG ...
    const fromKafka = new Map<string, string>();
    for (const line of kafka.stdout.split('\n')) {
      const [group, t, partition, current] = line.trim().split(/\s+/);
      if (group === stopper && t === topic) fromKafka.set(partition!, current!);
    }
    expect(lastCommitted).toEqual(fromKafka);
  });
});
