import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApicurio, type Registry } from '../bench/apicurio.js';
import { benchShape, createTopic, uniqueName } from '../bench/helpers.js';
import { pythonProduce, type PeerRecord } from '../bench/python-peer.js';
import { captureForReadme, saveClusterInPage, startConsole, type Console } from '../e2e/console-kit.js';
import { JobEditor } from '../e2e/pages/JobEditor.js';
import { TopicRecordsPage } from '../e2e/pages/TopicRecordsPage.js';
import { TopicsPage } from '../e2e/pages/TopicsPage.js';

// Avro records written by Python's confluent-kafka serializer against a real registry (Apicurio),
// read in the console through a cluster profile that names the registry: browsing shows them decoded
// with their schema, the raw bytes one click away, a filter reads their fields, and the job editor's
// transform preview decodes them as the job would.

let app: Console;
let registry: Registry;

beforeAll(async () => {
  registry = await startApicurio('registry-browse');
  app = await startConsole();
});

afterAll(async () => {
  await app?.close();
  await registry?.stop();
});

describe('registry records in the console', () => {
  it('browses Avro records decoded, filters on their fields, and previews a transform over them', async () => {
    const bootstrap = benchShape('kraft').bootstrap;
    const topic = await createTopic(bootstrap, { partitions: 1 });
    const written: PeerRecord[] = await pythonProduce({ bootstrap, registry: registry.ccompatUrl, topic }, 'avro', 6);
    const cluster = uniqueName('registry-browse');
    const { browser } = app;
    await browser.url(app.mode.server.url);
    await browser.$('nav[aria-label="Sections"]').waitForDisplayed({ timeout: 10_000 });
    await saveClusterInPage(browser, cluster, bootstrap, registry.ccompatUrl);
    await browser.refresh();

    const topics = new TopicsPage(browser);
    const records = new TopicRecordsPage(browser);
    await topics.open(cluster);
    await topics.chooseTopic(topic);
    const paid = written.filter((r) => (r.value as { status: string }).status === 'PAID');
    expect(paid.length).toBeGreaterThan(0);
    const summary = await records.filteredBrowse({ from: 'earliest', filter: "value.status = 'PAID'" });
    expect(summary).toMatch(new RegExp(`^${paid.length} matched of ${written.length} read`));

    // Offset 1 is the first PAID record (odd ids are PAID): decoded as Python decoded it.
    await topics.openRecord(1);
    expect(JSON.parse(await topics.detailValue())).toEqual(written[1]!.value);
    expect(await browser.$('[data-testid="record-value-schema"]').getText()).toMatch(
      new RegExp(`^${topic}-value v1 · id \\d+ · AVRO$`),
    );
    await captureForReadme(browser, 'topics-registry-decoded');
    await topics.showBytesAs('hex');
    expect(await topics.detailValue()).toMatch(/^00 00 00 00 [0-9a-f]{2} /);

    // The job editor's preview decodes with the profile's registry, as the job would.
    const editor = new JobEditor(browser);
    await editor.openNew();
    await editor.field('cluster').selectByVisibleText(cluster);
    await editor.set('topics', topic);
    await editor.select('valueFormat', 'avro');
    await editor.openSection('Transform');
    await editor.set('filter', "value.status = 'PAID'");
    const rows = await editor.preview(written.length);
    expect(rows.map((r) => r.outcome)).toEqual(
      written.map((r) => ((r.value as { status: string }).status === 'PAID' ? 'kept' : 'dropped')),
    );
    expect(JSON.parse(rows.find((r) => r.outcome === 'kept')!.before)).toEqual(written[1]!.value);
  });
});
