import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeInPage } from '../bench/chromium.js';
import { benchShape, createTopic, produceN, uniqueName, waitFor } from '../bench/helpers.js';
import { kafkaTopicConfigs } from '../bench/kafka-tools.js';
import { kcatMetadata } from '../bench/kcat.js';
import { captureForReadme, saveClusterInPage, startConsole, type Console } from '../e2e/console-kit.js';
import { JobDetailPage } from '../e2e/pages/JobDetailPage.js';
import { TopicAdmin } from '../e2e/pages/TopicAdmin.js';
import { TopicsPage } from '../e2e/pages/TopicsPage.js';

// Topic administration in the console against the real broker: create, configure, extend and delete
// a topic, and create a failed job's missing sink topic from its card. Every change is read back by
// other clients: partitions with `kcat -L`, config overrides with Kafka's kafka-configs.

let app: Console;
let topics: TopicsPage;
let admin: TopicAdmin;
const cluster = uniqueName('topic-admin');
const bootstrap = () => benchShape('kraft').bootstrap;

beforeAll(async () => {
  app = await startConsole();
  topics = new TopicsPage(app.browser);
  admin = new TopicAdmin(app.browser);
  await app.browser.url(app.mode.server.url);
  await app.browser.$('nav[aria-label="Sections"]').waitForDisplayed({ timeout: 10_000 });
  await saveClusterInPage(app.browser, cluster, bootstrap());
  await app.browser.refresh();
});

afterAll(async () => {
  await app?.close();
});

/** Partition count and replicas per partition as librdkafka sees the topic; undefined when absent. */
async function kcatTopic(topic: string): Promise<{ partitions: number; replicas: number[] } | undefined> {
  const entry = (await kcatMetadata(bootstrap())).topics.find((t) => t.topic === topic);
  return entry && { partitions: entry.partitions.length, replicas: entry.partitions.map((p) => p.replicas.length) };
}

describe('topic administration in Chromium', () => {
  it('creates, configures, extends and deletes a topic', async () => {
    const topic = uniqueName('admin-e2e');
    await topics.open(cluster);

    // Create: a replication factor the one-broker cluster cannot hold is refused beside its field.
    await admin.openNewTopic();
    await admin.fillCreate({ topic, partitions: 2, replicationFactor: 3, configs: { 'retention.ms': '3600000' } });
    await admin.submitCreate();
    expect(await admin.fieldError('New topic', 'Replication factor')).toMatch(/INVALID_REPLICATION_FACTOR/);
    await captureForReadme(app.browser, 'topic-create');
    expect(await kcatTopic(topic)).toBeUndefined();
    await admin.fillCreate({ replicationFactor: 1 });
    await admin.submitCreate();
    await admin.waitClosed('New topic');
    expect(await kcatTopic(topic)).toEqual({ partitions: 2, replicas: [1, 1] });
    expect(await kafkaTopicConfigs(bootstrap(), topic)).toEqual({ 'retention.ms': '3600000' });

    // Configure: the new topic is selected; its override is listed apart from the defaults.
    await admin.show('Configs');
    expect(await admin.overrides()).toEqual({ 'retention.ms': '3600000' });
    expect(await admin.defaultsCount()).toBeGreaterThan(20);
    await admin.editOverride('retention.ms', 'soon');
    expect(await admin.overrideError('retention.ms')).toMatch(/^retention\.ms=soon: .*INVALID_CONFIG/);
    await captureForReadme(app.browser, 'topic-configs-error');
    expect(await kafkaTopicConfigs(bootstrap(), topic)).toEqual({ 'retention.ms': '3600000' });

    await admin.editOverride('retention.ms', '7200000');
    expect(await admin.status('Topic configs')).toBe('retention.ms set to 7200000.');
    await admin.addOverride('segment.ms', '600000');
    await admin.waitForOverride('segment.ms', '600000');
    expect(await kafkaTopicConfigs(bootstrap(), topic)).toEqual({ 'retention.ms': '7200000', 'segment.ms': '600000' });
    await admin.resetOverride('retention.ms');
    await admin.waitForOverride('retention.ms', undefined);
    expect(await kafkaTopicConfigs(bootstrap(), topic)).toEqual({ 'segment.ms': '600000' });

    // Extend: fewer is refused beside the field, more is added.
    await admin.show('Add partitions');
    await admin.addPartitions(1);
    expect(await admin.fieldError('Add partitions', 'New partition count')).toContain('Kafka can only add partitions');
    await admin.addPartitions(5);
    expect(await admin.status('Add partitions')).toBe(`${topic} now has 5 partitions.`);
    expect(await kcatTopic(topic)).toEqual({ partitions: 5, replicas: [1, 1, 1, 1, 1] });

    // Delete: only once the name is typed exactly.
    await admin.show('Delete…');
    await admin.typeDeleteConfirmation(topic.toUpperCase());
    expect(await admin.deleteEnabled()).toBe(false);
    await admin.typeDeleteConfirmation(topic);
    await captureForReadme(app.browser, 'topic-delete');
    expect(await admin.deleteEnabled()).toBe(true);
    await admin.confirmDelete();
    await admin.waitClosed('Delete topic');
    await waitFor(async () => (await kcatTopic(topic)) === undefined, {
      timeoutMs: 15_000,
      message: `kcat to stop listing ${topic}`,
    });
  });

  it('creates a topic like another: its partitions and overrides', async () => {
    const model = uniqueName('admin-model');
    await createTopic(bootstrap(), { topic: model, partitions: 3 });
    const twin = uniqueName('admin-twin');
    await invokeInPage(app.browser, 'topics:alter-configs', {
      cluster,
      request: { topic: model, configs: { 'cleanup.policy': 'compact' } },
    });
    await topics.open(cluster);
    await admin.openNewTopic();
    await admin.fillCreate({ topic: twin, like: model });
    await admin.submitCreate();
    await admin.waitClosed('New topic');
    expect(await kcatTopic(twin)).toEqual({ partitions: 3, replicas: [1, 1, 1] });
    expect(await kafkaTopicConfigs(bootstrap(), twin)).toEqual({ 'cleanup.policy': 'compact' });
  });

  it("offers to create a failed job's missing sink topic with the source's partition count", async () => {
    const source = await createTopic(bootstrap(), { partitions: 4 });
    await produceN(bootstrap(), source, 8);
    const sink = uniqueName('admin-missing-sink');
    const job = uniqueName('admin-sink-job');
    await invokeInPage(app.browser, 'jobs:save', {
      spec: {
        version: 1,
        name: job,
        source: { cluster: { profile: cluster }, topics: [source], groupId: uniqueName('admin-group') },
        sink: { type: 'kafka', topic: sink },
      },
    });
    const page = new JobDetailPage(app.browser);
    await app.browser.refresh();
    await page.open(job);
    await page.start();
    await page.waitForState('failed', 90_000);

    const card = app.browser.$('article[aria-label="Missing sink topic"]');
    await card.waitForDisplayed({ timeout: 15_000 });
    await card.$(`button=Create ${sink}`).click();
    expect(await admin.createValue('topic')).toBe(sink);
    expect(await admin.createValue('partitions')).toBe('4');
    await captureForReadme(app.browser, 'job-create-sink-topic');
    await admin.submitCreate();
    await app.browser.$('p[role="status"]*=Created').waitForDisplayed({ timeout: 15_000 });
    expect(await kcatTopic(sink)).toEqual({ partitions: 4, replicas: [1, 1, 1, 1] });
  });
});
