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
  committedOffsets,
} from '../bench/helpers.js';
import { captureForReadme, saveClusterInPage, startConsole, type Console } from '../e2e/console-kit.js';
import { GroupsPage } from '../e2e/pages/GroupsPage.js';
import { ImportPanel } from '../e2e/pages/ImportPanel.js';

// An operator applies an offsets report to a group from the console, in Chromium against the real
// broker: a malformed file is refused as a whole, naming its bad line, and changes nothing; a good
// one is previewed, confirmed and committed.

let app: Console;
let groups: GroupsPage;
let panel: ImportPanel;
let admin: Admin;
const cluster = uniqueName('import-e2e');
const bootstrap = () => benchShape('kraft').bootstrap;

beforeAll(async () => {
  app = await startConsole();
  groups = new GroupsPage(app.browser);
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
    await groups.open(cluster);
    await groups.openGroup(group);

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
