import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  benchShape,
  createTopic,
  freshGroup,
  kafkaClient,
  produceN,
  uniqueName,
  waitFor,
  committedOffsets,
} from '../bench/helpers.js';
import { captureForReadme, saveClusterInPage, startConsole, type Console } from '../e2e/console-kit.js';
import { GroupsPage } from '../e2e/pages/GroupsPage.js';
import { ImportPanel } from '../e2e/pages/ImportPanel.js';

// Resetting a group from the console against the real broker: preview a reset to earliest, check
// the rows, apply, and read the committed offsets back with kafkajs; with a consumer in the group,
// the apply is refused naming it and nothing changes. Applying a report from the same page: a
// malformed file is refused as a whole, naming its bad line, and changes nothing; a good one is
// previewed, confirmed and committed.

let app: Console;
let page: GroupsPage;
let panel: ImportPanel;
let admin: Admin;
const cluster = uniqueName('groups-e2e');
const bootstrap = () => benchShape('kraft').bootstrap;

beforeAll(async () => {
  app = await startConsole();
  page = new GroupsPage(app.browser);
  panel = new ImportPanel(app.browser);
  admin = kafkaClient(bootstrap()).admin();
  await admin.connect();
  await app.browser.url(app.mode.server.url);
  await saveClusterInPage(app.browser, cluster, bootstrap());
});

afterAll(async () => {
  await admin?.disconnect();
  await app?.close();
});

const committed = (group: string, topic: string) => committedOffsets(admin, group, topic);

describe('resetting a consumer group', () => {
  it('previews a reset to earliest, applies it, and is refused while a consumer is in the group', async () => {
    const topic = await createTopic(bootstrap(), { topic: uniqueName('orders'), partitions: 2 });
    await produceN(bootstrap(), topic, 5, { partition: 0 });
    await produceN(bootstrap(), topic, 3, { partition: 1 });
    const group = freshGroup('billing');
    await admin.setOffsets({
      groupId: group,
      topic,
      partitions: [
        { partition: 0, offset: '4' },
        { partition: 1, offset: '3' },
      ],
    });

    await app.browser.refresh();
    await page.open(cluster);
    await page.openGroup(group);
    expect(await page.title()).toContain('Empty');
    expect(await page.applyEnabled()).toBe(false);

    await page.chooseMode('earliest');
    await page.preview();
    expect(await page.previewRows()).toEqual([
      { partition: `${topic}[0]`, current: '4', target: '0', lagBefore: '1', lagAfter: '5', note: '' },
      { partition: `${topic}[1]`, current: '3', target: '0', lagBefore: '0', lagAfter: '3', note: '' },
    ]);
    await captureForReadme(app.browser, 'groups-reset');
    // The preview changed nothing.
    expect(await committed(group, topic)).toEqual([4, 3]);

    expect(await page.applyAndConfirm()).toBe(`Offsets of group ${group} reset on 2 partition(s).`);
    expect(await committed(group, topic)).toEqual([0, 0]);

    // A consumer joins: the preview warns, and the apply is refused naming it; nothing changes.
    const consumer = kafkaClient(bootstrap(), { clientId: 'e2e-reset-member' }).consumer({ groupId: group });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic] });
      await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
      await waitFor(async () => (await admin.describeGroups([group])).groups[0]?.state === 'Stable', {
        message: `group ${group} to be Stable with the consumer`,
      });
      await page.reload();
      await app.browser.waitUntil(async () => (await page.memberClientIds()).includes('e2e-reset-member'), {
        timeoutMsg: 'the member did not show',
      });
      await page.chooseMode('latest');
      await page.preview();
      expect((await page.previewRows()).map((r) => r.target)).toEqual(['5', '3']);
      const refusal = await page.applyAndConfirm();
      expect(refusal).toContain('Refused: the group has active members. Nothing was changed.');
      expect(refusal).toMatch(/has 1 active member \(state Stable\): e2e-reset-member/);
      expect(await committed(group, topic)).toEqual([0, 0]);
    } finally {
      await consumer.disconnect();
    }
  });

  it('shows what is wrong with a bad specific offset beside the field', async () => {
    const topic = await createTopic(bootstrap(), { partitions: 1 });
    const group = freshGroup('e2e-bad');
    await produceN(bootstrap(), topic, 2, { partition: 0 });
    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '1' }] });
    await page.open(cluster);
    await page.openGroup(group);
    await page.chooseMode('specific');
    await app.browser.$('textarea[name="reset-offsets"]').setValue(`${topic},0,x`);
    await app.browser.$('button=Preview').click();
    expect(await page.fieldError()).toBe(
      `line 1: expected "topic,partition,offset" with whole numbers, got "${topic},0,x"`,
    );
    await app.browser.$('textarea[name="reset-offsets"]').setValue(`${topic},0,9`);
    await app.browser.$('button=Preview').click();
    await app.browser.$('section[aria-label="Reset offsets"] p.failure').waitForDisplayed({ timeout: 15_000 });
    expect(await app.browser.$('section[aria-label="Reset offsets"] p.failure').getText()).toContain(
      `${topic}[0] 9 (log 0..2)`,
    );
    expect(await committed(group, topic)).toEqual([1]);
  });
});

describe('applying a report to a group in the console', () => {
  it('refuses a malformed file by line, then previews and applies a good one', async () => {
    const topic = await createTopic(bootstrap(), { topic: uniqueName('ledger'), partitions: 2 });
    await produceN(bootstrap(), topic, 8, { partition: 0 });
    await produceN(bootstrap(), topic, 4, { partition: 1 });
    const group = freshGroup('ledger-import');
    await admin.setOffsets({
      groupId: group,
      topic,
      partitions: [
        { partition: 0, offset: '1' },
        { partition: 1, offset: '1' },
      ],
    });
    const bad = join(app.dataDir, 'bad-offsets.csv');
    const good = join(app.dataDir, 'offsets.csv');
    await writeFile(bad, `${topic},0,6\n${topic},one,2\n`);
    await writeFile(good, `${topic},0,6\n${topic},1,2\n`);

    await app.browser.refresh();
    await page.open(cluster);
    await page.openGroup(group);

    await panel.choose(bad);
    const refusal = await panel.refusal();
    expect(refusal).toContain('bad-offsets.csv was refused as a whole; nothing was applied.');
    expect(refusal).toContain('line 2: partition "one" is not a number');
    await panel.scrollIntoView();
    await captureForReadme(app.browser, 'report-import-refused');
    expect(await committed(group, topic)).toEqual([1, 1]);

    await panel.choose(good);
    expect(await panel.summary()).toContain('offsets.csv: 2 offset(s) (offsets-csv)');
    const rows = await panel.preview();
    expect(rows.map((cells) => [cells[0], cells[1], cells[3]])).toEqual([
      [`${topic}[0]`, '1', '6'],
      [`${topic}[1]`, '1', '2'],
    ]);
    expect(await committed(group, topic)).toEqual([1, 1]);

    expect(await panel.applyAndConfirm()).toBe(`Set 2 partition offset(s) of group ${group} from offsets.csv.`);
    expect(await committed(group, topic)).toEqual([6, 2]);
  });
});
