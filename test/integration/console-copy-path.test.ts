import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeInPage } from '../bench/chromium.js';
import { benchShape, createTopic, freshGroup, uniqueName, waitFor } from '../bench/helpers.js';
import { kcatConsume, kcatProduce } from '../bench/kcat.js';
import { captureForReadme, saveClusterInPage, startConsole, type Console } from '../e2e/console-kit.js';
import { JobDetailPage } from '../e2e/pages/JobDetailPage.js';
import { JobEditor } from '../e2e/pages/JobEditor.js';

// The job page says how a Kafka copy moves records: a plain copy forwards record batches as bytes
// (shallow), one that re-partitions copies record by record and names the setting in the way.
// Browser mode, Chromium, the real KRaft broker; the copies read back with kcat.

const RECORDS = 300;
let app: Console;
let browser: WebdriverIO.Browser;
const cluster = uniqueName('copy-path');

beforeAll(async () => {
  app = await startConsole();
  browser = app.browser;
  await browser.url(app.mode.server.url);
  await browser.$('nav[aria-label="Sections"]').waitForDisplayed({ timeout: 10_000 });
  await saveClusterInPage(browser, cluster, benchShape('kraft').bootstrap);
});

afterAll(async () => {
  await app?.close();
});

async function saveCopy(name: string, input: string, output: string, sink: Record<string, unknown>): Promise<void> {
  await invokeInPage(browser, 'jobs:save', {
    spec: {
      version: 1,
      name,
      source: {
        cluster: { profile: cluster },
        topics: [input],
        groupId: freshGroup('copy-path'),
        keyFormat: 'bytes',
        valueFormat: 'bytes',
        stopAt: { mode: 'latest' },
      },
      sink: { type: 'kafka', topic: output, writeTimestamp: true, ...sink },
      restart: { strategy: 'none' },
    },
  });
}

describe('the copy path on the job page', () => {
  it('shows a plain copy as shallow with its batches, and a re-partitioning one as record by record with why', async () => {
    const bootstrap = benchShape('kraft').bootstrap;
    const input = await createTopic(bootstrap, { partitions: 3 });
    // kcat (librdkafka) batches them as a real producer does.
    await kcatProduce(
      bootstrap,
      input,
      Array.from({ length: RECORDS }, (_, i) => ({ key: `k${i}`, value: `v${i}` })),
      { partitioner: 'murmur2_random' },
    );
    const shallowOut = await createTopic(bootstrap, { partitions: 3 });
    const recordOut = await createTopic(bootstrap, { partitions: 3 });
    const shallowJob = uniqueName('copy-shallow');
    const recordJob = uniqueName('copy-record');
    await saveCopy(shallowJob, input, shallowOut, { partitioner: 'source-partition' });
    await saveCopy(recordJob, input, recordOut, { partitioner: 'murmur2' });
    await browser.refresh();
    const page = new JobDetailPage(browser);

    // Before any run: what the settings say, marked as such.
    await page.open(shallowJob);
    expect(await page.copyPath()).toMatchObject({
      title: 'Shallow — record batches forwarded as bytes',
      fromSettings: true,
      forwarded: undefined,
      blockers: [],
    });
    await page.start();
    await page.waitForState('finished', 60_000);
    // After the run: the run's own path and the batches it forwarded.
    const shallow = await waitFor(
      async () => {
        const box = await page.copyPath();
        return !box.fromSettings && (box.forwarded ?? 0) > 0 ? box : undefined;
      },
      { timeoutMs: 15_000, message: 'the run to report a shallow copy with batches forwarded' },
    );
    expect(shallow.title).toBe('Shallow — record batches forwarded as bytes');
    expect(shallow.blockers).toEqual([]);
    expect(shallow.decoded).toBe('0');
    await captureForReadme(browser, 'job-copy-path-shallow');
    expect(await kcatConsume(bootstrap, shallowOut)).toHaveLength(RECORDS);

    await browser.$('button=← Jobs').click();
    await page.open(recordJob);
    const before = await page.copyPath();
    expect(before).toMatchObject({ title: 'Record by record', fromSettings: true });
    await page.start();
    await page.waitForState('finished', 60_000);
    const record = await waitFor(
      async () => {
        const box = await page.copyPath();
        return box.fromSettings ? undefined : box;
      },
      { timeoutMs: 15_000, message: 'the run to report its copy path' },
    );
    expect(record.title).toBe('Record by record');
    expect(record.forwarded).toBeUndefined();
    expect(record.blockers).toEqual([
      'sink.partitioner: "murmur2" picks each record\'s partition; "source-partition" keeps batches whole',
    ]);
    await captureForReadme(browser, 'job-copy-path-record');
    expect(await kcatConsume(bootstrap, recordOut)).toHaveLength(RECORDS);
  });

  it('tells in the job editor which path the settings give, as they change', async () => {
    await browser.refresh();
    const editor = new JobEditor(browser);
    await editor.openNew();
    await editor.template('copy');
    const note = browser.$('[data-copy-path]');
    // The template filters, reads JSON values and places records with murmur2.
    await expect(note.getText()).resolves.toMatch(
      /^Copy path: record by record, because of transform\.filter, source\.valueFormat, sink\.partitioner/,
    );
    await editor.select('partitioner', 'source-partition');
    await waitFor(async () => !(await note.getText()).includes('sink.partitioner'), {
      message: 'sink.partitioner to leave the copy path note',
    });
    await note.scrollIntoView();
    await captureForReadme(browser, 'job-editor-copy-path');
    await editor.cancel();
  });
});
