import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchShape, createTopic, uniqueName, waitFor } from '../bench/helpers.js';
import { kcatConsume, kcatProduce, type KcatRecord } from '../bench/kcat.js';
import { kcatProduceRaw } from '../bench/kcat-raw.js';
import { captureForReadme, saveClusterInPage, startConsole, type Console } from '../e2e/console-kit.js';
import { TopicRecordsPage } from '../e2e/pages/TopicRecordsPage.js';

// Producing a record from the console and a filtered browse with export, against the real broker,
// each checked with kcat (librdkafka) as the independent client.

let app: Console;
let page: TopicRecordsPage;
let downloads: string;
const cluster = uniqueName('browse-produce-e2e');
const bootstrap = () => benchShape('kraft').bootstrap;

beforeAll(async () => {
  downloads = await mkdtemp(join(tmpdir(), 'sluice-e2e-downloads-'));
  app = await startConsole({ downloadDir: downloads });
  page = new TopicRecordsPage(app.browser);
  await app.browser.url(app.mode.server.url);
  await saveClusterInPage(app.browser, cluster, bootstrap());
});

afterAll(async () => {
  await app?.close();
});

async function openTopic(topic: string): Promise<void> {
  await app.browser.refresh();
  await page.open(cluster);
  await page.chooseTopic(topic);
}

/** "Written to partition 2 at offset 0 (…)." → { partition, offset } */
function written(status: string): { partition: number; offset: number } {
  const match = /partition (\d+) at offset (\d+)/.exec(status);
  if (!match) throw new Error(`not a produce result: ${status}`);
  return { partition: Number(match[1]), offset: Number(match[2]) };
}

describe('producing a record', () => {
  it('writes key, JSON value, headers, partition and timestamp that kcat reads back as given', async () => {
    const topic = await createTopic(bootstrap(), { partitions: 3 });
    await openTopic(topic);
    const status = await page.produce({
      partition: 2,
      key: 'order-17',
      value: '{\n  "id": 17,\n  "amount": 120.5\n}',
      valueFormat: 'json',
      headers: [
        ['source', 'console'],
        ['trace', 'abc-1'],
      ],
      timestamp: '1700000000123',
    });
    expect(written(status)).toEqual({ partition: 2, offset: 0 });
    await app.browser.saveScreenshot(join(downloads, 'produce-form.png'));
    await captureForReadme(app.browser, 'topics-produce');

    // The broker acknowledged it; a kcat started on a loaded machine has once ended its read before
    // seeing it, so read again until it shows (a missing record still fails after the wait).
    const records = await waitFor(
      async () => {
        const read = await kcatConsume(bootstrap(), topic);
        return read.length > 0 ? read : undefined;
      },
      { message: `the produced record to be readable in ${topic}` },
    );
    const [record, ...more] = records;
    expect(more).toEqual([]);
    expect(record).toMatchObject({
      partition: 2,
      offset: 0,
      timestamp: 1_700_000_000_123,
      timestampType: 'create',
      key: 'order-17',
      value: '{\n  "id": 17,\n  "amount": 120.5\n}',
      headers: { source: 'console', trace: 'abc-1' },
    });
  });

  it('places a keyed record on the partition librdkafka murmur2 (Java) picks for the same key', async () => {
    const topic = await createTopic(bootstrap(), { partitions: 6 });
    await openTopic(topic);
    const keys = ['customer-1', 'customer-42', 'customer-977', 'zz-top'];
    const ours = new Map<string, number>();
    for (const key of keys) ours.set(key, written(await page.produce({ key, value: 'from the console' })).partition);
    await kcatProduce(
      bootstrap(),
      topic,
      keys.map((key) => ({ key, value: 'from kcat' })),
      { partitioner: 'murmur2_random' },
    );
    const read = await kcatConsume(bootstrap(), topic);
    for (const key of keys) {
      const theirs = read.filter((r) => r.key === key && r.value === 'from kcat').map((r) => r.partition);
      expect({ key, partitions: theirs }).toEqual({ key, partitions: [ours.get(key)] });
      expect(read.filter((r) => r.key === key && r.value === 'from the console').map((r) => r.partition)).toEqual([
        ours.get(key),
      ]);
    }
    // Four keys on six partitions: a partitioner ignoring the key would rarely agree on all of them.
    expect(new Set(ours.values()).size).toBeGreaterThan(1);
  });

  it('refuses a value that is not the JSON it claims, naming line and column, and writes nothing', async () => {
    const topic = await createTopic(bootstrap(), { partitions: 1 });
    await openTopic(topic);
    await page.produce({ key: 'k', value: '{\n  "id": 1,\n}', valueFormat: 'json' });
    expect(await page.produceErrors()).toEqual(['is not valid JSON: line 3, column 1: trailing comma before "}"']);
    expect(await page.producedText()).toBeUndefined();
    expect(await kcatConsume(bootstrap(), topic)).toEqual([]);
  });
});

describe('browsing with a filter and a search, and exporting what matched', () => {
  let topic: string;
  let all: KcatRecord[];
  const filter = "value.kind = 'refund' and value.amount >= 100";
  const matches = (r: KcatRecord) => {
    const value = JSON.parse(r.value ?? 'null') as { kind: string; amount: number };
    const text = `${r.key ?? ''}\n${r.value ?? ''}`.toLowerCase();
    return value.kind === 'refund' && value.amount >= 100 && text.includes('order-1');
  };

  beforeAll(async () => {
    topic = await createTopic(bootstrap(), { partitions: 2 });
    // 20 records per partition, written by kcat: order-0..19 on 0, order-20..39 on 1.
    for (const partition of [0, 1]) {
      const records = Array.from({ length: 20 }, (_, k) => {
        const i = partition * 20 + k;
        const value = { id: i, amount: i * 10, kind: i % 3 === 0 ? 'refund' : 'sale' };
        return { key: Buffer.from(`order-${i}`), value: Buffer.from(JSON.stringify(value)) };
      });
      await kcatProduceRaw(bootstrap(), topic, records, { compression: 'none', partition, headers: ['source=kcat'] });
    }
    all = await kcatConsume(bootstrap(), topic);
    expect(all).toHaveLength(40);
  });

  it('shows how many matched of how many read, to the end or to the scan limit', async () => {
    await openTopic(topic);
    const expected = all.filter(matches);
    expect(expected.map((r) => r.key)).toEqual(['order-12', 'order-15', 'order-18']);
    const summary = await page.filteredBrowse({ from: 'earliest', filter, search: 'ORDER-1', scanLimit: 1000 });
    expect(summary).toBe('3 matched of 40 read (read to the end of the range).');
    expect(await page.renderedOffsets()).toEqual(expected.map((r) => r.offset));
    await app.browser.saveScreenshot(join(downloads, 'filtered-browse.png'));
    await captureForReadme(app.browser, 'topics-filter');

    // 30 records from the earliest: 15 per partition, so order-0..14 and order-20..34.
    const window = all.filter((r) => r.offset < 15);
    const inWindow = window.filter(matches).length;
    expect(inWindow).toBe(1);
    const limited = await page.filteredBrowse({ from: 'earliest', filter, search: 'ORDER-1', scanLimit: 30 });
    expect(limited).toBe(`${inWindow} matched of 30 read (stopped at the scan limit).`);
  });

  it('exports the records in view as NDJSON and CSV that hold what kcat reads', async () => {
    await openTopic(topic);
    await page.filteredBrowse({ from: 'earliest', filter, search: 'order-1', scanLimit: 1000 });
    const expected = all.filter(matches).map((r) => ({
      topic,
      partition: r.partition,
      offset: r.offset,
      timestamp: r.timestamp,
      key: r.key,
      value: r.value,
      headers: r.headers,
    }));

    await page.exportAs('ndjson');
    const ndjson = await savedFile('.ndjson');
    const lines = ndjson
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(lines).toEqual(expected);
    await app.browser.saveScreenshot(join(downloads, 'export.png'));

    await page.exportAs('csv');
    const rows = parse(await savedFile('.csv'), { columns: true }) as Record<string, string>[];
    expect(
      rows.map((row) => ({
        topic: row['topic'],
        partition: Number(row['partition']),
        offset: Number(row['offset']),
        timestamp: Number(row['timestamp']),
        key: row['key'],
        value: row['value'],
        headers: JSON.parse(row['headers']!) as unknown,
      })),
    ).toEqual(expected);
    expect(rows.every((row) => row['base64'] === '')).toBe(true);
  });

  it('shows an invalid filter with its position beside the field and reads nothing', async () => {
    await openTopic(topic);
    const summary = await page.filteredBrowse({ from: 'earliest', filter: 'value.amount > (1 +', search: '' });
    expect(summary).toBe('');
    expect(await page.summaryShown()).toBe(false);
    const error = await page.filterError();
    expect(error).toMatch(/^invalid JSONata expression at \d+: /);
    expect(error).toContain('value.amount > (1 +');
    expect(error).toMatch(/\^/);
    expect(error).toContain('Nothing was read.');
    await app.browser.saveScreenshot(join(downloads, 'filter-error.png'));
  });
});

/** The newest download with this extension, once Chromium has finished writing it. */
async function savedFile(extension: string): Promise<string> {
  const name = await waitFor(
    async () => {
      const names = (await readdir(downloads)).filter((n) => n.endsWith(extension)).sort();
      return names.at(-1);
    },
    { message: `a downloaded ${extension} file in ${downloads}` },
  );
  const files = (await readdir(downloads)).filter((n) => n.endsWith(extension));
  expect(files).toHaveLength(1);
  const text = await readFile(join(downloads, name), 'utf8');
  await rm(join(downloads, name));
  return text;
}
