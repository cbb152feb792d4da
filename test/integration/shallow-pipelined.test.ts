import type { Kafka, Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaSink } from '../../engine/sink/kafka-sink.js';
import { scanRecordSet, type FetchedBatch } from '../../engine/source/fetched-batch.js';
import { encodeBatch } from '../../engine/source/record-batch-fixture.js';
import { kafkaSinkSchema, type KafkaSinkSpec } from '../../engine/spec/index.js';
import { createTopic, kafkaClient } from '../bench/helpers.js';
import { kcatConsumeRaw } from '../bench/kcat-raw.js';
import { bootstrap, groupCoordinatorReady } from './engine-job-kit.js';

// The shallow path keeps several produce requests in flight on a broker connection (the
// `pipelined` send of patches/kafkajs+2.2.4.patch), against the bench broker. kafkajs's REQUEST
// events give each request's send time and round trip: a request sent before the one ahead of it
// was answered is one in flight behind it. What a failed pipelined request does (no retry, no
// sequence rollback) is specified in engine/sink/kafkajs-patch.spec.ts.

const RECORDS_PER_BATCH = 200;

interface ProduceRequest {
  sentAt: number;
  answeredAt: number;
}

/** The sink's Kafka client, with the REQUEST events of the producer it creates recorded. */
function watchedKafka(): { kafka: Kafka; produceRequests: ProduceRequest[] } {
  const kafka = kafkaClient(bootstrap());
  const produceRequests: ProduceRequest[] = [];
  const watched = Object.create(kafka) as Kafka;
  watched.producer = (config) => {
    const producer: Producer = kafka.producer(config);
    producer.on(producer.events.REQUEST, ({ payload }) => {
      if (payload.apiName === 'Produce')
        produceRequests.push({ sentAt: payload.sentAt, answeredAt: payload.sentAt + payload.duration });
    });
    return producer;
  };
  return { kafka: watched, produceRequests };
}

async function batches(count: number): Promise<FetchedBatch[]> {
  const all: FetchedBatch[] = [];
  for (let b = 0; b < count; b++) {
    const bytes = await encodeBatch({
      baseOffset: b * RECORDS_PER_BATCH,
      records: Array.from({ length: RECORDS_PER_BATCH }, (_, i) => ({
        key: Buffer.from(`k-${b}-${i}`),
        value: Buffer.alloc(2_000, (b * RECORDS_PER_BATCH + i) % 251),
        timestamp: 1_700_000_000_000 + b * RECORDS_PER_BATCH + i,
      })),
    });
    all.push(...scanRecordSet(bytes)!);
  }
  return all;
}

const admin = kafkaClient(bootstrap()).admin();
beforeAll(async () => {
  await groupCoordinatorReady(bootstrap());
  await admin.connect();
});
afterAll(() => admin.disconnect());

async function openSink(topic: string, overrides: Partial<KafkaSinkSpec> = {}) {
  const { kafka, produceRequests } = watchedKafka();
  const spec = kafkaSinkSchema.parse({
    type: 'kafka',
    topic,
    partitioner: 'source-partition',
    writeTimestamp: true,
    ...overrides,
  });
  const sink = new KafkaSink({
    kafka,
    admin,
    spec,
    jobName: 'pipelined',
    groupId: `pipelined-${topic}`,
    offsetsIn: 'source-group',
    keyFormat: 'bytes',
    valueFormat: 'bytes',
    meter: { recordsOut() {}, sendError() {} },
  });
  await sink.open();
  return { sink, produceRequests };
}

describe('the shallow path pipelines its produce requests', () => {
  it('sends each batch while the one before is still unanswered, and the broker takes them all in order', async () => {
    const topic = await createTopic(bootstrap(), { partitions: 1 });
    const { sink, produceRequests } = await openSink(topic);
    for (const batch of await batches(8)) await sink.forward(batch, { topic: 'source', partition: 0 });
    await sink.close();

    expect(produceRequests).toHaveLength(8);
    const behind = produceRequests.filter((request, i) => i > 0 && request.sentAt < produceRequests[i - 1]!.answeredAt);
    expect(behind.length).toBeGreaterThan(0);
    // An idempotent broker refuses a batch whose sequence skips ahead: every record landing, in
    // order, shows the sequence numbers went out in the order of the requests.
    const copied = await kcatConsumeRaw(bootstrap(), topic);
    expect(copied).toHaveLength(8 * RECORDS_PER_BATCH);
    expect(copied.map((record) => record.key?.toString())).toEqual(
      Array.from(
        { length: 8 * RECORDS_PER_BATCH },
        (_, n) => `k-${Math.floor(n / RECORDS_PER_BATCH)}-${n % RECORDS_PER_BATCH}`,
      ),
    );
    expect(copied.map((record) => record.timestamp)).toEqual(
      Array.from({ length: 8 * RECORDS_PER_BATCH }, (_, n) => 1_700_000_000_000 + n),
    );
  });

  it('with maxInFlightRequests 1, waits for each answer before the next request', async () => {
    const topic = await createTopic(bootstrap(), { partitions: 1 });
    const { sink, produceRequests } = await openSink(topic, { maxInFlightRequests: 1 });
    for (const batch of await batches(4)) await sink.forward(batch, { topic: 'source', partition: 0 });
    await sink.close();
    expect(produceRequests).toHaveLength(4);
    for (let i = 1; i < produceRequests.length; i++)
      expect(produceRequests[i]!.sentAt).toBeGreaterThanOrEqual(produceRequests[i - 1]!.answeredAt);
  });
});
