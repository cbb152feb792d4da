import type { Consumer, ConsumerConfig } from 'kafkajs';
import { beforeAll, expect, it } from 'vitest';
import { sourceSchema } from '../../engine/spec/job-spec.js';
import { PartitionTracker } from '../../engine/source/partition-tracker.js';
import { KafkaSource, type SourceBatch } from '../../engine/source/kafka-source.js';
import { createTopic, defaultBroker, kafkaClient } from '../bench/helpers.js';
import { kcatProduce } from '../bench/kcat.js';
import { groupCoordinatorReady } from './engine-job-kit.js';

// A bounded job that has read up to its stop offsets asks the broker for nothing more: kafkajs
// fetches again as soon as a batch is handled, and with nothing left that fetch waits out the whole
// long poll, which stopping the source then waited for. Counted with kafkajs's own request events.

const RECORDS = 4_000;
let topic: string;
let bootstrap: string;

beforeAll(async () => {
  bootstrap = defaultBroker().bootstrap;
  topic = await createTopic(bootstrap);
  await groupCoordinatorReady(bootstrap);
  // ~4 MB in batches of up to 1 MB (librdkafka's batch.size): several fetches of 1 MiB each
  const value = 'v'.repeat(1_000);
  await kcatProduce(
    bootstrap,
    topic,
    Array.from({ length: RECORDS }, (_, i) => ({ key: `k${i}`, value })),
  );
});

it('sends no fetch after the batch that reaches the stop offset of every partition', async () => {
  const tp = { topic, partition: 0 };
  const tracker = new PartitionTracker(true);
  tracker.add(tp, 0, { kind: 'at', offset: RECORDS });
  const kafka = kafkaClient(bootstrap);
  let fetches = 0;
  const newConsumer = kafka.consumer.bind(kafka);
  kafka.consumer = (config: ConsumerConfig): Consumer => {
    const consumer = newConsumer(config);
    consumer.on(consumer.events.REQUEST, (event) => {
      if (event.payload.apiName === 'Fetch') fetches++;
    });
    return consumer;
  };
  let handed = 0;
  let fetchesWhenDone = -1;
  let failure: unknown;
  let resolve = () => {};
  const done = new Promise<void>((r) => (resolve = r));
  const source = new KafkaSource({
    kafka,
    spec: sourceSchema.parse({ cluster: { bootstrapServers: [bootstrap] }, topics: [topic], groupId: `stop-${topic}` }),
    tracker,
    async handleBatch(batch: SourceBatch) {
      handed += batch.records.length;
      if (tracker.advance(tp, batch.next) && tracker.allFinished()) {
        fetchesWhenDone = fetches;
        resolve();
      }
    },
    onFailure: (error) => {
      failure = error;
      resolve();
    },
    onUnknownPartitions: () => undefined,
    onWarning: () => undefined,
  });
  await source.start([topic]);
  await done;
  // As a job does before it stops: the final checkpoint commits the offsets to the group.
  await source.commit([{ ...tp, offset: RECORDS }], 'final');
  await source.stop();
  expect(failure).toBeUndefined();
  expect(handed).toBe(RECORDS);
  expect(fetchesWhenDone).toBeGreaterThan(1);
  expect(fetches).toBe(fetchesWhenDone);
});
