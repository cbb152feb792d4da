import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFramed } from '../../engine/registry/wire-format.js';
import { benchShape, createTopic, kafkaClient, uniqueName } from '../bench/helpers.js';
import { captureForReadme, repoRoot, saveClusterInPage, startConsole, type Console } from '../e2e/console-kit.js';
import { JobEditor } from '../e2e/pages/JobEditor.js';

// The job editor offers the Schema Registry formats; on a cluster profile without a registry the
// transform preview says, per record, that the format needs one (the profile's registry is issue 18's
// other half).

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

describe('Schema Registry formats in the job editor', () => {
  it('offers avro, protobuf and JSON Schema for key and value, and the preview names the missing registry', async () => {
    const bootstrap = benchShape('kraft').bootstrap;
    const source = await createTopic(bootstrap);
    const producer = kafkaClient(bootstrap).producer();
    await producer.connect();
    await producer.send({
      topic: source,
      messages: [0, 1, 2].map((n) => ({ value: buildFramed(1, Buffer.from(JSON.stringify({ n }))) })),
    });
    await producer.disconnect();
    const cluster = uniqueName('registry');
    await browser.url(app.mode.server.url);
    await browser.$('nav[aria-label="Sections"]').waitForDisplayed({ timeout: 10_000 });
    await saveClusterInPage(browser, cluster, bootstrap);
    await browser.refresh();
    await editor.openNew();
    await editor.field('cluster').selectByVisibleText(cluster);
    await editor.set('topics', source);

    const options = async (name: string): Promise<string[]> =>
      (await browser.execute(
        `return [...document.querySelectorAll('select[name="${name}"] option')].map((o) => o.textContent.trim());`,
      )) as unknown as string[];
    for (const name of ['keyFormat', 'valueFormat']) {
      await expect(options(name)).resolves.toEqual(
        expect.arrayContaining(['avro (registry)', 'protobuf (registry)', 'JSON Schema (registry)']),
      );
    }
    await editor.select('valueFormat', 'json-schema');
    await editor.field('keyFormat').scrollIntoView();
    await browser.saveScreenshot(join(repoRoot, 'test-results', 'e2e', 'registry-formats-section.png'));
    await editor.openSection('Transform');
    const rows = await editor.preview(3);
    expect(rows.map((r) => r.outcome)).toEqual(['failed', 'failed', 'failed']);
    expect(rows[0]?.after).toContain("is json-schema, which needs the cluster's Schema Registry, and none is set");
    await browser.saveScreenshot(join(repoRoot, 'test-results', 'e2e', 'registry-formats-editor.png'));
    await captureForReadme(browser, 'job-registry-formats');

    await editor.view('JSON');
    expect(JSON.parse(await editor.jsonText())).toMatchObject({ source: { valueFormat: 'json-schema' } });
  });
});
