import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeInPage } from '../bench/chromium.js';
import { benchShape, createTopic, kafkaClient, produceN, uniqueName, waitFor } from '../bench/helpers.js';
import { kcatConsume, kcatMetadata } from '../bench/kcat.js';
import { captureForReadme, repoRoot, saveClusterInPage, startConsole, type Console } from '../e2e/console-kit.js';
import { JobEditor } from '../e2e/pages/JobEditor.js';

// The job editor in Chromium against the real broker: a template job built in the form, checked
// in the JSON view, saved and run to its stop position; and the transform preview on live records.

let app: Console;
let browser: WebdriverIO.Browser;
let editor: JobEditor;

beforeAll(async () => {
  app = await startConsole();
  browser = app.browser;
  editor = new JobEditor(browser);
});

afterAll(async () => {
  await app?.close();
});

async function groupsNamed(bootstrap: string, prefix: string): Promise<string[]> {
  const admin = kafkaClient(bootstrap).admin();
  await admin.connect();
  try {
    return (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(prefix));
  } finally {
    await admin.disconnect();
  }
}

describe('job editor in Chromium', () => {
  it("shows the producer's requests in flight by default as idempotence decides it, and refuses 6 with it", async () => {
    await browser.url(app.mode.server.url);
    await browser.$('nav[aria-label="Sections"]').waitForDisplayed({ timeout: 10_000 });
    await editor.openNew();
    await editor.openSection('Producer');
    await waitFor(async () => (await editor.hint('maxInFlightRequests')) === 'default 5 (idempotent)', {
      message: 'the in-flight default for an idempotent producer',
    });
    await editor.field('idempotent').click();
    await waitFor(async () => (await editor.hint('maxInFlightRequests')) === 'default 1 (not idempotent)', {
      message: 'the in-flight default to follow idempotent',
    });
    await editor.field('idempotent').click();
    // A sink with its topic, so the sink's own checks run.
    await editor.set('sinkTopic', 'orders-copy');
    await editor.set('maxInFlightRequests', '6');
    // Errors show once a save was tried.
    await editor.save();
    await waitFor(async () => (await editor.error('maxInFlightRequests')).includes('at most 5'), {
      message: 'maxInFlightRequests 6 with idempotence to be refused',
    });
    await editor.field('maxInFlightRequests').scrollIntoView();
    await captureForReadme(browser, 'job-editor-producer');
    await editor.cancel();
  });

  it('round-trips every example in examples/ through the JSON view and the form', async () => {
    const dir = join(repoRoot, 'examples');
    const files = (await readdir(dir)).filter((file) => file.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    await browser.url(app.mode.server.url);
    await browser.$('nav[aria-label="Sections"]').waitForDisplayed({ timeout: 10_000 });
    for (const file of files) {
      const text = await readFile(join(dir, file), 'utf8');
      await editor.openNew();
      await editor.view('JSON');
      await editor.setJson(text);
      await expect(editor.jsonError(), file).resolves.toBe('');
      // The form shows it; an edit in the form comes back as that one change and nothing else.
      const spec = JSON.parse(text) as { name: string };
      await editor.view('Form');
      await expect(editor.value('name'), file).resolves.toBe(spec.name);
      await editor.set('description', `round trip of ${file}`);
      await editor.view('JSON');
      expect(JSON.parse(await editor.jsonText()), file).toEqual({ ...spec, description: `round trip of ${file}` });
      await editor.cancel();
    }
  });

  it('builds the replay template, round-trips it through JSON, and runs it: timestamps kept, stopped at its end', async () => {
    const bootstrap = benchShape('kraft').bootstrap;
    const source = await createTopic(bootstrap, { partitions: 2 });
    const sink = await createTopic(bootstrap, { partitions: 1 });
    const t0 = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;
    const produced = await produceN(bootstrap, source, 10, {
      timestamp: (i) => t0 + i * 1000,
      value: (i) => `order-${i}`,
    });
    const from = t0 + 4000;
    const cluster = uniqueName('editor');
    const job = uniqueName('replay');

    await browser.url(app.mode.server.url);
    await browser.$('nav[aria-label="Sections"]').waitForDisplayed({ timeout: 10_000 });
    await saveClusterInPage(browser, cluster, bootstrap);
    await browser.refresh();
    await editor.openNew();
    await editor.template('replay');
    await editor.field('cluster').selectByVisibleText(cluster);
    await editor.set('name', job);
    // The group follows the name while it is the name's default.
    await expect(editor.value('groupId')).resolves.toBe(`sluice-${job}`);
    await editor.set('topics', source);
    await editor.set('startTimestamp', new Date(from).toISOString());
    await editor.set('sinkTopic', sink);
    await expect(editor.value('stopMode')).resolves.toBe('latest');
    await expect(editor.field('writeTimestamp').isSelected()).resolves.toBe(true);

    // Exactly-once asks for a transactional id prefix: it defaults from the name (then back).
    await editor.select('deliveryGuarantee', 'exactly-once');
    await expect(editor.value('transactionalIdPrefix')).resolves.toBe(`sluice-${job}`);
    // Lint runs on the spec as edited, and shows each finding beside its setting.
    await editor.select('deliveryGuarantee', 'none');
    await editor.lint();
    await expect(editor.lintNote('deliveryGuarantee')).resolves.toMatch(/^info: .*\[hint: /);
    await captureForReadme(browser, 'job-editor');
    await editor.field('deliveryGuarantee').scrollIntoView();
    await captureForReadme(browser, 'job-editor-lint');
    await editor.select('deliveryGuarantee', 'at-least-once');

    // The JSON view shows the same spec; an edit there shows in the form, invalid text is named
    // by line and column and kept as typed across a switch to the form and back.
    await editor.view('JSON');
    const text = await editor.jsonText();
    const spec = JSON.parse(text) as Record<string, unknown> & { source: Record<string, unknown> };
    expect(spec.source).toMatchObject({
      cluster: { profile: cluster },
      topics: [source],
      startFrom: { mode: 'timestamp', timestamp: from },
      stopAt: { mode: 'latest' },
    });
    expect(spec['sink']).toMatchObject({ type: 'kafka', topic: sink, writeTimestamp: true });
    await editor.setJson(text.replace(`"description": "`, `"description": "edited in JSON: `));
    const broken = text.replace(`"name": "${job}",`, `"name": "${job}",,`);
    await editor.setJson(broken);
    await expect(editor.jsonError()).resolves.toMatch(/^Not JSON, line 3, column \d+: expected a property name/);
    await captureForReadme(browser, 'job-editor-json');
    await editor.view('Form');
    await expect(editor.value('description')).resolves.toMatch(/^edited in JSON: /);
    await editor.view('JSON');
    await expect(editor.jsonText()).resolves.toBe(broken);
    await editor.setJson(text);
    await expect(editor.jsonError()).resolves.toBe('');
    await editor.view('Form');
    await expect(editor.value('description')).resolves.not.toMatch(/^edited/);

    await editor.save();
    const row = browser.$(`tr*=${job}`);
    await row.waitForDisplayed({ timeout: 10_000 });
    await row.$('button=Start').click();
    // Bounded by stopAt latest: it finishes by itself.
    await row.$('.badge=finished').waitForDisplayed({ timeout: 60_000 });

    const wanted = produced.filter((r) => r.timestamp >= from);
    const copied = await kcatConsume(bootstrap, sink);
    expect(copied.map((r) => [r.value, r.timestamp, r.timestampType]).sort()).toEqual(
      wanted.map((r) => [r.value, r.timestamp, 'create']).sort(),
    );
    // Records produced after it finished stay out: it stopped at the end it resolved at start.
    await produceN(bootstrap, source, 3, { timestamp: () => Date.now(), value: (i) => `late-${i}` });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await kcatConsume(bootstrap, sink)).toHaveLength(wanted.length);
  });

  it('previews the filter and map on the newest records: kept, dropped, and an expression error with its position', async () => {
    const bootstrap = benchShape('kraft').bootstrap;
    const source = await createTopic(bootstrap, { partitions: 1 });
    const values = [
      { n: 1, d: 2 },
      { n: 0, d: 1 },
      { n: 5, d: 'x' },
      { n: 8, d: 4 },
    ];
    await produceN(bootstrap, source, 30, { value: () => JSON.stringify({ n: 9, d: 3 }) });
    await produceN(bootstrap, source, values.length, { value: (i) => JSON.stringify(values[i]) });
    const cluster = uniqueName('preview');
    const jobs = async () =>
      (await invokeInPage<{ name: string }[]>(browser, 'jobs:list', undefined)).map((j) => j.name).sort();

    await browser.url(app.mode.server.url);
    await browser.$('nav[aria-label="Sections"]').waitForDisplayed({ timeout: 10_000 });
    await saveClusterInPage(browser, cluster, bootstrap);
    await browser.refresh();
    const jobsBefore = await jobs();
    await editor.openNew();
    await editor.field('cluster').selectByVisibleText(cluster);
    await editor.set('topics', source);
    await editor.select('valueFormat', 'json');
    await editor.openSection('Transform');
    await editor.set('filter', 'value.n > 0');
    await editor.set('map', "{'value': {'n': value.n, 'q': value.n / value.d}}");

    const rows = await editor.preview(5);
    expect(rows.map((r) => [r.offset, r.outcome])).toEqual([
      [29, 'kept'],
      [30, 'kept'],
      [31, 'dropped'],
      [32, 'failed'],
      [33, 'kept'],
    ]);
    expect(rows[1]).toMatchObject({ before: '{"n":1,"d":2}', after: '{"n":1,"q":0.5}' });
    expect(rows[2]?.after).toBe('dropped by the filter');
    expect(rows[3]?.after).toMatch(/^transform\.map failed at character \d+/);
    expect(rows[3]?.after).toContain(`${source}[0] at offset 32`);
    await expect(browser.$('table[aria-label="Transform preview"] tr.failed mark').isExisting()).resolves.toBe(true);
    await captureForReadme(browser, 'job-preview');

    // No job was started or saved, and the throwaway group is gone.
    await expect(jobs()).resolves.toEqual(jobsBefore);
    await expect(groupsNamed(bootstrap, 'sluice-preview')).resolves.toEqual([]);
  });

  it('builds the copy template (a filter, exactly once, to a second cluster) and the drain template, and runs both', async () => {
    const bootstrap = benchShape('kraft').bootstrap;
    // The copy's target is another cluster: the bench's ZooKeeper-mode broker.
    const target = benchShape('zk').bootstrap;
    const source = await createTopic(bootstrap, { partitions: 2 });
    const sink = await createTopic(target, { partitions: 2 });
    const amounts = [5, 1500, 20, 2500, 999, 1001, 3000, 7];
    await produceN(bootstrap, source, amounts.length, { value: (i) => JSON.stringify({ amount: amounts[i] }) });
    const from = uniqueName('copy-from');
    const to = uniqueName('copy-to');
    const copy = uniqueName('copy');
    const drain = uniqueName('drain');

    await browser.url(app.mode.server.url);
    await browser.$('nav[aria-label="Sections"]').waitForDisplayed({ timeout: 10_000 });
    await saveClusterInPage(browser, from, bootstrap);
    await saveClusterInPage(browser, to, target);
    await browser.refresh();
    await editor.openNew();
    await editor.template('copy');
    await editor.field('cluster').selectByVisibleText(from);
    await editor.field('sinkCluster').selectByVisibleText(to);
    await editor.set('name', copy);
    await editor.set('topics', source);
    await editor.set('sinkTopic', sink);
    await expect(editor.value('filter')).resolves.toBe('value.amount > 1000');
    await expect(editor.value('deliveryGuarantee')).resolves.toBe('exactly-once');
    await expect(editor.value('transactionalIdPrefix')).resolves.toBe(`sluice-${copy}`);
    await editor.save();
    const copyRow = browser.$(`tr*=${copy}`);
    await copyRow.waitForDisplayed({ timeout: 10_000 });
    await copyRow.$('button=Start').click();
    await copyRow.$('.badge=running').waitForDisplayed({ timeout: 30_000 });
    const big = amounts.filter((a) => a > 1000).map((amount) => JSON.stringify({ amount }));
    const committed = await waitFor(
      async () => {
        const records = await kcatConsume(target, sink, { readCommitted: true });
        return records.length >= big.length ? records : undefined;
      },
      { timeoutMs: 30_000, message: `${big.length} committed records in ${sink}` },
    );
    await copyRow.$('button=Stop').click();
    await copyRow.$('.badge=stopped').waitForDisplayed({ timeout: 30_000 });
    expect(committed.map((r) => r.value).sort()).toEqual([...big].sort());
    expect(await kcatConsume(target, sink, { readCommitted: true })).toHaveLength(big.length);
    // Nothing went to the source cluster under the sink's name.
    expect((await kcatMetadata(bootstrap)).topics.map((t) => t.topic)).not.toContain(sink);

    // Drain: a bounded job into a file under the console's file sink directory.
    await editor.openNew();
    await editor.template('drain');
    await editor.field('cluster').selectByVisibleText(from);
    await editor.set('name', drain);
    await editor.set('topics', source);
    await editor.set('sinkPath', `${drain}.ndjson`);
    await editor.save();
    const drainRow = browser.$(`tr*=${drain}`);
    await drainRow.waitForDisplayed({ timeout: 10_000 });
    await drainRow.$('button=Start').click();
    await drainRow.$('.badge=finished').waitForDisplayed({ timeout: 60_000 });
    const lines = (await readFile(join(app.dataDir, 'sinks', `${drain}.ndjson`), 'utf8')).trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { value: string }).value).sort()).toEqual(
      amounts.map((amount) => JSON.stringify({ amount })).sort(),
    );
  });
});
