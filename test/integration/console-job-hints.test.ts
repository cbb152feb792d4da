import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeInPage } from '../bench/chromium.js';
import { benchShape, createTopic, produceN, uniqueName, waitFor } from '../bench/helpers.js';
import { captureForReadme, startConsole, type Console } from '../e2e/console-kit.js';
import { JobDetailPage } from '../e2e/pages/JobDetailPage.js';

// Issue 17: hints that earn their space. A running job whose sink has unsafe settings (acks 1,
// replication factor 1 on the bench) gets several hints; they show as one line each, worst first,
// and a click opens the full card. Before the start the charts are empty and show a window ending now.

let app: Console;
let browser: WebdriverIO.Browser;

beforeAll(async () => {
  app = await startConsole();
  browser = app.browser;
});

afterAll(async () => {
  await app?.close();
});

const RANK: Record<string, number> = { critical: 0, warning: 1, info: 2 };

describe('job hints in Chromium', () => {
  it('lists hints one line each by severity, opens a card on click; empty charts before the start', async () => {
    const bootstrap = benchShape('kraft').bootstrap;
    const source = await createTopic(bootstrap, { partitions: 2 });
    const sink = await createTopic(bootstrap, { partitions: 2 });
    await produceN(bootstrap, source, 20);
    const cluster = uniqueName('hints');
    const job = uniqueName('hints-job');
    await browser.url(app.mode.server.url);
    await browser.$('nav[aria-label="Sections"]').waitForDisplayed({ timeout: 10_000 });
    const invoke = <T>(channel: string, args: unknown) => invokeInPage<T>(browser, channel, args);
    await invoke('clusters:save', { profile: { name: cluster, bootstrapServers: [bootstrap] } });
    await invoke('jobs:save', {
      spec: {
        version: 1,
        name: job,
        source: { cluster: { profile: cluster }, topics: [source], groupId: uniqueName('hints-group') },
        sink: { type: 'kafka', cluster: { profile: cluster }, topic: sink, acks: 1, idempotent: false },
        checkpoint: { intervalMs: 1_000 },
      },
    });

    const page = new JobDetailPage(browser);
    await browser.refresh();
    await page.open(job);
    expect(await page.chartCanvases()).toBeGreaterThanOrEqual(2);
    await browser.saveScreenshot('test-results/empty-charts.png');

    await page.start();
    await page.waitForState('running');
    const lines = await waitFor(
      async () => {
        const found = await page.hintLines();
        return found.length >= 2 ? found : undefined;
      },
      { timeoutMs: 30_000, message: 'two or more hints on the running job' },
    );
    const ids = lines.map((l) => l.id);
    expect(ids).toEqual(expect.arrayContaining(['data-loss-risk', 'replication-factor-one']));
    // Worst first, one line each, all closed.
    const ranks = lines.map((l) => RANK[l.severity]!);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    for (const line of lines) {
      expect(line.height).toBeLessThan(40);
      expect(line.expanded).toBe(false);
      expect(line.count).toMatch(/^×\d+$/);
      expect(line.last).toMatch(/^last \d/);
      expect(await page.hintCard(line.id)).toBeUndefined();
    }
    await captureForReadme(browser, 'job-hints-compact');

    // A click opens the full card: cause, remedy, docs; another closes it.
    const first = lines[0]!;
    await page.toggleHint(first.id);
    const card = await page.hintCard(first.id);
    expect(card).toMatch(/Cause:/);
    expect(card).toMatch(/Remedy:/);
    expect(card).toContain(`Hint id ${first.id}`);
    expect((await page.hintLines())[0]!.expanded).toBe(true);
    await browser.saveScreenshot('test-results/job-hints-open.png');
    await page.toggleHint(first.id);
    expect(await page.hintCard(first.id)).toBeUndefined();

    await page.stop();
    await page.waitForState('stopped');
  });
});
