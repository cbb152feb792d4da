import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTopic, kafkaClient, uniqueName, waitFor } from '../bench/helpers.js';
import {
  bootstrap,
  fillPartitions,
  freshStateDir,
  jobSpec,
  offsetsByPartition,
  range,
  readNdjson,
  recordedJob,
} from './engine-job-kit.js';

// Topic and partition discovery while a job runs, read back through a file sink.

async function addPartitions(topic: string, count: number): Promise<void> {
  const admin = kafkaClient(bootstrap()).admin();
  await admin.connect();
  try {
    await admin.createPartitions({ topicPartitions: [{ topic, count }] });
  } finally {
    await admin.disconnect();
  }
}

const ofTopic = async (path: string, topic: string) => (await readNdjson(path)).filter((r) => r.topic === topic);

describe('engine discovery', () => {
  it('a pattern picks up a topic created after the start, without repeating the first topic', async () => {
    const prefix = uniqueName('disc');
    const first = await createTopic(bootstrap(), { topic: `${prefix}-a` });
    await fillPartitions(first, 1, 3);
    const path = join(freshStateDir(), 'out.ndjson');
    const spec = jobSpec({
      source: { topicPattern: `${prefix}-[a-z]+`, discoveryIntervalMs: 500 },
      sink: { type: 'file', path },
    });
    const { job, events } = recordedJob(spec);
    await job.start();
    await waitFor(async () => (await ofTopic(path, first)).length === 3, { message: 'the first topic read' });

    const second = await createTopic(bootstrap(), { topic: `${prefix}-b` });
    await fillPartitions(second, 1, 4);
    await waitFor(async () => (await ofTopic(path, second)).length === 4, { message: 'the topic created later read' });
    await fillPartitions(first, 1, 2);
    await waitFor(async () => (await ofTopic(path, first)).length === 5, { message: 'new records of the first topic' });
    await job.stop();

    expect(offsetsByPartition(await ofTopic(path, first), 1)).toEqual({ 0: range(0, 5) });
    expect(offsetsByPartition(await ofTopic(path, second), 1)).toEqual({ 0: range(0, 4) });
    expect(events.discovery[0]).toMatchObject({
      topics: [second],
      partitions: [{ topic: second, partition: 0, offset: 0 }],
    });
  });

  it('added partitions are picked up and read from their earliest offset', async () => {
    const topic = await createTopic(bootstrap(), { partitions: 1 });
    await fillPartitions(topic, 1, 3);
    const path = join(freshStateDir(), 'out.ndjson');
    const spec = jobSpec({ source: { topics: [topic], discoveryIntervalMs: 1_500 }, sink: { type: 'file', path } });
    const { job, events } = recordedJob(spec);
    await job.start();
    await waitFor(async () => (await readNdjson(path)).length === 3, { message: 'the first partition read' });

    await addPartitions(topic, 3);
    // Written before discovery can have seen the partitions: read only if they start at earliest.
    await fillPartitions(topic, 3, 2);
    await waitFor(async () => (await readNdjson(path)).length === 3 + 6, {
      message: 'records of the added partitions',
    });
    await job.stop();

    expect(offsetsByPartition(await readNdjson(path), 3)).toEqual({ 0: range(0, 5), 1: [0, 1], 2: [0, 1] });
    const discovered = events.discovery.flatMap((d) => d.partitions);
    expect(discovered).toEqual([
      { topic, partition: 1, offset: 0 },
      { topic, partition: 2, offset: 0 },
    ]);
  });

  it('with discovery off, neither new topics nor new partitions are read', async () => {
    const prefix = uniqueName('nodisc');
    const topic = await createTopic(bootstrap(), { topic: `${prefix}-a` });
    const path = join(freshStateDir(), 'out.ndjson');
    const spec = jobSpec({
      source: { topicPattern: `${prefix}-[a-z]+`, discoveryIntervalMs: 0 },
      sink: { type: 'file', path },
    });
    const { job, events } = recordedJob(spec);
    await job.start();

    await addPartitions(topic, 2);
    const later = await createTopic(bootstrap(), { topic: `${prefix}-b` });
    await fillPartitions(later, 1, 2);
    await fillPartitions(topic, 2, 2);
    // The job is alive and reading partition 0; give a discovery that should not exist time to act.
    await waitFor(async () => (await readNdjson(path)).length >= 2, { message: 'partition 0 read' });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await fillPartitions(topic, 1, 1);
    await waitFor(async () => (await readNdjson(path)).length >= 3, { message: 'partition 0 still read' });
    await job.stop();

    const records = await readNdjson(path);
    expect(records.map((r) => `${r.topic}/${r.partition}/${r.offset}`)).toEqual([
      `${topic}/0/0`,
      `${topic}/0/1`,
      `${topic}/0/2`,
    ]);
    expect(events.discovery).toEqual([]);
  });
});
