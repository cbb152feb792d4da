import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeInPage } from '../bench/chromium.js';
import { benchShape, createTopic, kafkaClient, produceN, uniqueName, waitFor } from '../bench/helpers.js';
import { startConsole, type Console } from '../e2e/console-kit.js';
import { JobDetailPage, type PartitionRow } from '../e2e/pages/JobDetailPage.js';

// An operator runs a job from its page, watches offsets and lag follow what is produced, stops it
// and restores it from a chosen checkpoint. Browser mode, Chromium, the real KRaft broker.

let app: Console;
let browser: WebdriverIO.Browser;

beforeAll(async () => {
  app = await startConsole();
  browser = app.browser;
});

afterAll(async () => {
  await app?.close();
});

const invoke = <T>(channel: string, args: unknown): Promise<T> => invokeInPage<T>(browser, channel, args);

async function logEnds(bootstrap: string, topic: string): Promise<Map<number, number>> {
  const admin = kafkaClient(bootstrap).admin();
  await admin.connect();
  try {
    return new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
  } finally {
    await admin.disconnect();
  }
}

/** Waits until every partition row shows the broker's log end as both log end and current offset, lag 0. */
async function caughtUp(page: JobDetailPage, truth: Map<number, number>): Promise<PartitionRow[]> {
  let last: PartitionRow[] = [];
  return waitFor(
    async () => {
      last = await page.partitions();
      const ok =
        last.length === truth.size &&
        last.every((r) => r.logEnd === truth.get(r.partition) && r.current === r.logEnd && r.lag === 0);
      return ok ? last : undefined;
    },
    {
      timeoutMs: 30_000,
      message: () => `the table to catch up with ${JSON.stringify([...truth])}: ${JSON.stringify(last)}`,
    },
  );
}

describe('job detail in Chromium', () => {
  it('shows offsets and lag follow the topic, then stops and restores from a chosen checkpoint', async () => {
    const bootstrap = benchShape('kraft').bootstrap;
    const topic = await createTopic(bootstrap, { partitions: 3 });
    await produceN(bootstrap, topic, 30);
    const cluster = uniqueName('detail');
    const job = uniqueName('detail-job');

    await browser.url(app.mode.server.url);
    await browser.$('nav[aria-label="Sections"]').waitForDisplayed({ timeout: 10_000 });
    await invoke('clusters:save', { profile: { name: cluster, bootstrapServers: [bootstrap] } });
    await invoke('jobs:save', {
      spec: {
        version: 1,
        name: job,
        source: { cluster: { profile: cluster }, topics: [topic], groupId: uniqueName('detail-group') },
        sink: { type: 'none' },
        checkpoint: { intervalMs: 500, retain: 1000 },
      },
    });

    const page = new JobDetailPage(browser);
    await browser.refresh();
    await page.open(job);
    await expect(browser.$('.muted*=Start the job to see its partitions').isDisplayed()).resolves.toBe(true);
    await page.start();
    await page.waitForState('running');

    // The first 30 records: every partition reaches the broker's log end, lag 0.
    const first = await caughtUp(page, await logEnds(bootstrap, topic));
    expect(first.map((r) => r.topic)).toEqual([topic, topic, topic]);
    expect(first.reduce((sum, r) => sum + (r.current ?? 0), 0)).toBe(30);
    const firstDone = Date.now();
    await waitFor(async () => (await page.total('Records in')) === 30, {
      timeoutMs: 10_000,
      message: 'records in = 30',
    });

    // A checkpoint taken once the first batch was read holds exactly those offsets.
    const kept = await waitFor(
      async () =>
        (
          await invoke<{ checkpointId: number; takenAt: number; valid: boolean }[]>('jobs:checkpoints', { name: job })
        ).find((c) => c.valid && c.takenAt > firstDone + 100),
      { timeoutMs: 10_000, message: 'a checkpoint after the first batch' },
    );

    // 60 more while it runs: offsets go up with the topic, and lag drops back to 0.
    await produceN(bootstrap, topic, 60);
    const second = await caughtUp(page, await logEnds(bootstrap, topic));
    expect(second.reduce((sum, r) => sum + (r.current ?? 0), 0)).toBe(90);
    for (const row of second) {
      const before = first.find((r) => r.partition === row.partition);
      expect(row.current).toBeGreaterThanOrEqual(before?.current ?? Infinity);
    }
    expect(await page.chartCanvases()).toBeGreaterThanOrEqual(2);

    await page.stop();
    await page.waitForState('stopped');
    await waitFor(async () => (await page.checkpointIds()).includes(kept.checkpointId), {
      timeoutMs: 10_000,
      message: `checkpoint ${kept.checkpointId} listed`,
    });
    expect((await page.events()).join('\n')).toMatch(/running → stopping[\s\S]*starting → running/);
    // The final checkpoint holds every offset read, so the table shows them as checkpointed.
    const stopped = await page.partitions();
    expect(stopped.map((r) => r.checkpointed)).toEqual(stopped.map((r) => r.logEnd));

    // Restoring from the checkpoint before the second batch reads those 60 records again.
    await page.restoreFrom(kept.checkpointId);
    await page.waitForState('running');
    await caughtUp(page, await logEnds(bootstrap, topic));
    let recordsIn: number | undefined;
    await waitFor(async () => (recordsIn = await page.total('Records in')) === 60, {
      timeoutMs: 20_000,
      message: () => `records in after the restore = 60, shows ${recordsIn}`,
    });

    // Restart: a graceful stop with a final checkpoint, then a run from it, so the 60 are not read
    // a third time; only what is produced afterwards comes in.
    const before = (await page.checkpointIds()).length;
    await page.restart();
    await waitFor(async () => (await page.checkpointIds()).length > before, {
      timeoutMs: 20_000,
      message: 'the final checkpoint of the restart listed',
    });
    await page.waitForState('running');
    await produceN(bootstrap, topic, 5);
    await caughtUp(page, await logEnds(bootstrap, topic));
    await waitFor(async () => (recordsIn = await page.total('Records in')) === 5, {
      timeoutMs: 20_000,
      message: () => `records in after the restart = 5, shows ${recordsIn}`,
    });
    await page.stop();
    await page.waitForState('stopped');
  });

  it('keeps only the rows in view in the DOM for a job over 302 partitions, and filters and sorts them', async () => {
    const bootstrap = benchShape('kraft').bootstrap;
    const wide = await createTopic(bootstrap, { partitions: 300 });
    const other = await createTopic(bootstrap, { partitions: 2 });
    // Stamped an hour ahead: a run bounded at half an hour ahead stops before them, leaving a lag of 12.
    const now = Date.now();
    await produceN(bootstrap, other, 12, { partition: 1, timestamp: () => now + 3_600_000 });
    const cluster = uniqueName('wide');
    const job = uniqueName('wide-job');

    await browser.url(app.mode.server.url);
    await browser.$('nav[aria-label="Sections"]').waitForDisplayed({ timeout: 10_000 });
    await invoke('clusters:save', { profile: { name: cluster, bootstrapServers: [bootstrap] } });
    await invoke('jobs:save', {
      spec: {
        version: 1,
        name: job,
        source: {
          cluster: { profile: cluster },
          topics: [wide, other],
          groupId: uniqueName('wide-group'),
          stopAt: { mode: 'timestamp', timestamp: now + 1_800_000 },
        },
        sink: { type: 'none' },
      },
    });
    const page = new JobDetailPage(browser);
    await browser.refresh();
    await page.open(job);
    await page.start();
    await page.waitForState('finished');
    await waitFor(async () => (await page.partitionCount()) === 302, { timeoutMs: 30_000, message: '302 partitions' });

    const first = await page.partitions();
    expect(first.length).toBeGreaterThan(5);
    expect(first.length).toBeLessThan(60);
    await page.scrollPartitionsToEnd();
    const last = await page.partitions();
    expect(last.length).toBeLessThan(60);
    expect(last.map((r) => `${r.topic}/${r.partition}`)).toContain(`${wide}/299`);

    await page.filterPartitions(other);
    await waitFor(async () => (await page.partitions()).length === 2, {
      timeoutMs: 5_000,
      message: 'the filter to leave 2 rows',
    });
    await page.filterPartitions('');
    await page.sortPartitionsBy('Lag');
    await waitFor(
      async () => {
        const [top] = await page.partitions();
        return top?.topic === other && top.partition === 1 && top.lag === 12;
      },
      { timeoutMs: 10_000, message: `${other}/1 (lag 12) first when sorted by lag` },
    );
  });
});
