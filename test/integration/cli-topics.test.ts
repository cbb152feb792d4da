import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { uniqueName } from '../bench/helpers.js';
import { kafkaTopicConfigs } from '../bench/kafka-tools.js';
import { kcatMetadata } from '../bench/kcat.js';
import { buildCli, kraftBootstrap, runCli, tempDir } from './cli-kit.js';

// `sluice topics create|alter|describe|delete` as operators run it against the broker, each result
// read back by other clients: partitions and replicas with `kcat -L`, config overrides with Kafka's
// own kafka-configs (kafka.admin.ConfigCommand).

let clusters: string;
const profile = 'bench';
beforeAll(async () => {
  await buildCli();
  clusters = join(tempDir(), 'clusters.json');
  writeFileSync(
    clusters,
    JSON.stringify({ version: 1, clusters: [{ name: profile, bootstrapServers: [kraftBootstrap()] }] }),
  );
});

const topics = (...args: string[]) => runCli(['topics', ...args, '--clusters', clusters]);

/** Partition count and replica counts as librdkafka sees the topic; undefined when it is not there. */
async function kcatTopic(topic: string): Promise<{ partitions: number; replicas: number[] } | undefined> {
  const entry = (await kcatMetadata(kraftBootstrap())).topics.find((t) => t.topic === topic);
  return entry && { partitions: entry.partitions.length, replicas: entry.partitions.map((p) => p.replicas.length) };
}

const kafkaConfigs = (topic: string) => kafkaTopicConfigs(kraftBootstrap(), topic);

describe('sluice topics', () => {
  it('creates a topic with configs, and another like it', async () => {
    const topic = uniqueName('cli-create');
    const created = await topics(
      'create',
      profile,
      topic,
      '--partitions',
      '3',
      '--replication-factor',
      '1',
      '--config',
      'retention.ms=3600000',
      '--config',
      'cleanup.policy=compact',
      '--json',
    );
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ topic, replicationFactor: 1 });
    expect(await kcatTopic(topic)).toEqual({ partitions: 3, replicas: [1, 1, 1] });
    expect(await kafkaConfigs(topic)).toEqual({ 'retention.ms': '3600000', 'cleanup.policy': 'compact' });

    const twin = uniqueName('cli-like');
    const liked = await topics('create', profile, twin, '--like', topic, '--config', 'retention.ms=7200000');
    expect(liked.code, liked.stderr).toBe(0);
    expect(await kcatTopic(twin)).toEqual({ partitions: 3, replicas: [1, 1, 1] });
    // Copied overrides, with the one given on the command line winning.
    expect(await kafkaConfigs(twin)).toEqual({ 'retention.ms': '7200000', 'cleanup.policy': 'compact' });

    const again = await topics('create', profile, topic, '--partitions', '1');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('topic: a topic named');
  });

  it('names the refused field: a bad config value, too many replicas', async () => {
    const topic = uniqueName('cli-refused');
    const badConfig = await topics('create', profile, topic, '--partitions', '1', '--config', 'retention.ms=soon');
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toMatch(/configs\.retention\.ms: retention\.ms=soon: .*INVALID_CONFIG/);
    const badRf = await topics('create', profile, topic, '--partitions', '1', '--replication-factor', '3');
    expect(badRf.code).toBe(2);
    expect(badRf.stderr).toMatch(/replicationFactor: .*INVALID_REPLICATION_FACTOR/);
    expect(await kcatTopic(topic)).toBeUndefined();
  });

  it('alters configs keeping the other overrides, adds partitions, refuses fewer', async () => {
    const topic = uniqueName('cli-alter');
    expect(
      (
        await topics(
          'create',
          profile,
          topic,
          '--partitions',
          '2',
          '--config',
          'retention.ms=3600000',
          '--config',
          'max.message.bytes=200000',
        )
      ).code,
    ).toBe(0);

    const altered = await topics(
      'alter',
      profile,
      topic,
      '--config',
      'segment.ms=600000',
      '--reset',
      'max.message.bytes',
    );
    expect(altered.code, altered.stderr).toBe(0);
    expect(await kafkaConfigs(topic)).toEqual({ 'retention.ms': '3600000', 'segment.ms': '600000' });

    const refused = await topics('alter', profile, topic, '--config', 'segment.ms=often');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/configs\.segment\.ms: segment\.ms=often: .*INVALID_CONFIG/);
    expect(await kafkaConfigs(topic)).toEqual({ 'retention.ms': '3600000', 'segment.ms': '600000' });

    const extended = await topics('alter', profile, topic, '--partitions', '5');
    expect(extended.code, extended.stderr).toBe(0);
    expect(await kcatTopic(topic)).toEqual({ partitions: 5, replicas: [1, 1, 1, 1, 1] });

    const fewer = await topics('alter', profile, topic, '--partitions', '3');
    expect(fewer.code).toBe(2);
    expect(fewer.stderr).toContain('partitions: the topic has 5 partitions and Kafka cannot remove partitions');
    expect((await kcatTopic(topic))?.partitions).toBe(5);

    const described = await topics('describe', profile, topic);
    expect(described.code, described.stderr).toBe(0);
    expect(described.stdout).toContain(`topic ${topic}: 5 partition(s), replication factor 1`);
    expect(described.stdout).toMatch(/segment\.ms\s+600000\s+topic/);
  });

  it('deletes only with the name confirmed', async () => {
    const topic = uniqueName('cli-delete');
    expect((await topics('create', profile, topic, '--partitions', '1')).code).toBe(0);

    const unconfirmed = await topics('delete', profile, topic);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain(`add --yes, or --confirm ${topic}`);
    const mistyped = await topics('delete', profile, topic, '--confirm', `${topic}x`);
    expect(mistyped.code).toBe(2);
    expect(mistyped.stderr).toContain('confirm: type the topic name exactly to confirm');
    expect(await kcatTopic(topic)).toBeDefined();

    const deleted = await topics('delete', profile, topic, '--confirm', topic);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(await kcatTopic(topic)).toBeUndefined();

    const missing = await topics('delete', profile, topic, '--yes');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`topic: no topic named "${topic}"`);
  });
});
