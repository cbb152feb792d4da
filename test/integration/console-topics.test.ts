import { Partitioners } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchShape, createTopic, kafkaClient, uniqueName } from '../bench/helpers.js';
import { kcatProduceRaw } from '../bench/kcat-raw.js';
import { captureForReadme, saveClusterInPage, startConsole, type Console } from '../e2e/console-kit.js';
import { TopicsPage } from '../e2e/pages/TopicsPage.js';

// Browsing records in the console against the real broker: a long result is windowed (only the
// rows in view are in the page), and one record opens whole with pretty JSON and its headers.

let app: Console;
let topics: TopicsPage;
const cluster = uniqueName('topics-e2e');

beforeAll(async () => {
  app = await startConsole();
  topics = new TopicsPage(app.browser);
  await app.browser.url(app.mode.server.url);
  await saveClusterInPage(app.browser, cluster, benchShape('kraft').bootstrap);
});

afterAll(async () => {
  await app?.close();
});

async function produceJson(topic: string, count: number): Promise<void> {
  const producer = kafkaClient(benchShape('kraft').bootstrap).producer({
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  await producer.send({
    topic,
    messages: Array.from({ length: count }, (_, i) => ({
      partition: 0,
      key: `order-${i}`,
      value: JSON.stringify({ id: i, amount: i * 10, items: ['a', 'b'] }),
      headers: { source: 'e2e', seq: String(i) },
    })),
  });
  await producer.disconnect();
}

describe('browsing records', () => {
  it('windows a long result and shows one record whole', async () => {
    const topic = await createTopic(benchShape('kraft').bootstrap, { partitions: 1 });
    await produceJson(topic, 400);
    await app.browser.refresh();
    await topics.open(cluster);
    await topics.chooseTopic(topic);

    await topics.browse({ from: 'offset', offset: 50, partition: 0, limit: 300 });
    expect(await topics.summary()).toMatch(/^300 records;/);
    const rendered = await topics.renderedOffsets();
    expect(rendered[0]).toBe(50);
    // Windowed: far fewer rows in the page than records in the result.
    expect(rendered.length).toBeGreaterThan(5);
    expect(rendered.length).toBeLessThan(100);

    await topics.openRecord(52);
    expect(await topics.detailTitle()).toBe(`${topic} · partition 0 · offset 52`);
    expect(JSON.parse(await topics.detailValue())).toEqual({ id: 52, amount: 520, items: ['a', 'b'] });
    expect(await topics.detailValue()).toContain('\n  "amount": 520');
    expect(await topics.detailHeaders()).toEqual({ source: 'e2e', seq: '52' });
    await captureForReadme(app.browser, 'topics-browse');

    await topics.pressInList('ArrowDown', 2);
    expect(await topics.detailTitle()).toBe(`${topic} · partition 0 · offset 54`);
  });

  it('browses an lz4 topic that kcat wrote: a tombstone is marked as one, binary shows as hex or base64', async () => {
    const topic = await createTopic(benchShape('kraft').bootstrap, { partitions: 1 });
    const binary = Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0xff, 0xc3, 0x28]);
    await kcatProduceRaw(
      benchShape('kraft').bootstrap,
      topic,
      [
        { key: Buffer.from('text'), value: Buffer.from('{"ok":true}') },
        { key: Buffer.from('gone'), value: null },
        { key: Buffer.from([0xfe, 0x01]), value: binary },
      ],
      { compression: 'lz4', partition: 0, headers: ['origin=kcat'] },
    );
    await app.browser.refresh();
    await topics.open(cluster);
    await topics.chooseTopic(topic);
    await topics.browse({ from: 'earliest' });
    expect(await topics.summary()).toMatch(/^3 records;/);
    expect(await topics.listValues()).toEqual(['{"ok":true}', 'tombstone', 'binary, 8 B: de ad be ef 00 ff c3 28']);

    await topics.openRecord(1);
    expect(await topics.tombstoneShown()).toBe(true);
    expect(await topics.detailKey()).toBe('gone');

    await topics.openRecord(2);
    // Not UTF-8, so the record opens in hex; base64 is one click away; text is never forced on it.
    expect(await topics.detailValue()).toBe('de ad be ef 00 ff c3 28');
    expect(await topics.detailKey()).toBe('fe 01');
    await topics.showBytesAs('base64');
    expect(Buffer.from(await topics.detailValue(), 'base64').equals(binary)).toBe(true);
    expect(await topics.detailHeaders()).toEqual({ origin: Buffer.from('kcat').toString('base64') });
    await topics.showBytesAs('text');
    expect(await topics.detailValue()).toBe('de ad be ef 00 ff c3 28');
    expect(await topics.detailHeaders()).toEqual({ origin: 'kcat' });
    await captureForReadme(app.browser, 'topics-binary');
  });

  it('says what is wrong with a bad start offset instead of reading', async () => {
    const topic = await createTopic(benchShape('kraft').bootstrap, { partitions: 1 });
    await topics.open(cluster);
    await topics.chooseTopic(topic);
    await app.browser.$('select[name="mode"]').selectByAttribute('value', 'offset');
    await app.browser.$('input[name="position"]').setValue('12x');
    await app.browser.$('button=Browse').click();
    await expect(app.browser.$('p[role="alert"]').getText()).resolves.toBe(
      '"12x" is not an offset: expected a whole number, 0 or more.',
    );
  });
});
