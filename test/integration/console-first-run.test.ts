import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, isPortFree } from '../bench/free-port.js';
import { kcatConsume, kcatMetadata } from '../bench/kcat.js';
import { waitFor } from '../bench/helpers.js';
import { captureForReadme, repoRoot, startConsole, type Console } from '../e2e/console-kit.js';
import { JobDetailPage } from '../e2e/pages/JobDetailPage.js';
import { TopicsPage } from '../e2e/pages/TopicsPage.js';

// The first run of a checkout: an empty data directory, no cluster. With Java, the console offers the
// sandbox broker (the one `npm run sandbox` runs), starts it, saves its profile and runs a demo job;
// without Java it says so and how to add a cluster instead.

const open: Console[] = [];
afterAll(async () => {
  await Promise.all(open.map((app) => app.close()));
});

const panel = (app: Console) => app.browser.$('[aria-label="Getting started"]');
const sandboxText = (app: Console) => app.browser.$('[data-testid="sandbox-text"]');

interface Order {
  orderId: string;
  status: string;
}
const orders = (values: (string | null)[]): Order[] => values.map((value) => JSON.parse(value ?? 'null') as Order);

describe('first run', () => {
  it('starts the sandbox broker on request: its topics, records, a running demo job with charts', async () => {
    const port = await freePort();
    let controllerPort = await freePort();
    while (controllerPort === port) controllerPort = await freePort();
    const dataDir = await mkdtemp(join(tmpdir(), 'sluice-sandbox-e2e-'));
    const app = await startConsole({ sandbox: { checkoutRoot: repoRoot, port, controllerPort, dataDir } });
    open.push(app);
    const bootstrap = `127.0.0.1:${port}`;

    await app.browser.url(app.mode.server.url);
    await panel(app).waitForDisplayed({ timeout: 15_000 });
    await app.browser.$('button=Start the sandbox').waitForClickable({ timeout: 30_000 });
    expect(await sandboxText(app).getText()).toContain(`on ${bootstrap} with demo topics`);
    await captureForReadme(app.browser, 'first-run');

    await app.browser.$('button=Start the sandbox').click();
    // Ready: the console opens the demo job's page by itself.
    const jobPage = new JobDetailPage(app.browser);
    await app.browser.$('h2=demo-paid-orders').waitForDisplayed({ timeout: 120_000 });
    await jobPage.waitForState('running', 30_000);
    expect(await jobPage.chartCanvases()).toBeGreaterThan(0);

    // kcat, not Sluice, reads what the demo job wrote: every paid order of the seeded hour, and nothing else.
    const seededPaid = await waitFor(
      async () => {
        const source = orders((await kcatConsume(bootstrap, 'orders')).map((r) => r.value));
        const paid = source.filter((o) => o.status === 'paid' && Number(o.orderId.slice(2)) < 10_240);
        return paid.length > 0 ? paid : undefined;
      },
      { timeoutMs: 30_000, message: 'the seeded orders' },
    );
    const copied = await waitFor(
      async () => {
        const out = orders((await kcatConsume(bootstrap, 'orders-paid')).map((r) => r.value));
        const ids = new Set(out.map((o) => o.orderId));
        return seededPaid.every((o) => ids.has(o.orderId)) ? out : undefined;
      },
      { timeoutMs: 60_000, message: 'every seeded paid order in orders-paid' },
    );
    expect(copied.every((o) => o.status === 'paid')).toBe(true);
    await waitFor(async () => ((await jobPage.total('Records out')) ?? 0) > 0 || undefined, {
      timeoutMs: 30_000,
      message: 'the job page counting records out',
    });
    await captureForReadme(app.browser, 'first-run-demo-job');

    // The saved profile lists the demo topics.
    const topics = new TopicsPage(app.browser);
    await topics.open('sandbox');
    for (const topic of ['orders', 'payments', 'metrics-cpu', 'orders-paid']) {
      await app.browser.$('table[aria-label="Topics"]').$(`button=${topic}`).waitForDisplayed({ timeout: 15_000 });
    }
    expect((await kcatMetadata(bootstrap)).topics.map((t) => t.topic)).toEqual(
      expect.arrayContaining(['orders', 'payments', 'orders-paid']),
    );

    // The broker the console started stops with it.
    await app.close();
    open.splice(open.indexOf(app), 1);
    expect(await isPortFree(port)).toBe(true);
  }, 300_000); // its own waits add up to more than the default 120 s: the sandbox broker starts under load in CI

  it('without Java, says so and how to add a cluster instead', async () => {
    const app = await startConsole({
      sandbox: { checkoutRoot: repoRoot, env: { ...process.env, SLUICE_JAVA: '/nonexistent/bin/java' } },
    });
    open.push(app);
    await app.browser.url(app.mode.server.url);
    await panel(app).waitForDisplayed({ timeout: 15_000 });
    await app.browser.$('button=Check again').waitForDisplayed({ timeout: 30_000 });
    const text = await sandboxText(app).getText();
    expect(text).toContain('needs Java 17 or newer');
    expect(text).toContain('/nonexistent/bin/java');
    expect(await app.browser.$('button=Start the sandbox').isExisting()).toBe(false);
    await captureForReadme(app.browser, 'first-run-no-java');

    await app.browser.$('button=Add a cluster').click();
    await app.browser.$('form[aria-label="Add a cluster"]').waitForDisplayed({ timeout: 10_000 });
    expect(await app.browser.$('main header h1').getText()).toBe('Clusters');
  });
});
