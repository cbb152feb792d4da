import type { Consumer, ConsumerConfig } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { sourceSchema } from '../../engine/spec/job-spec.js';
import { PartitionTracker } from '../../engine/source/partition-tracker.js';
import { KafkaSource, type SourceBatch } from '../../engine/source/kafka-source.js';
import { benchShape, createTopic, defaultBroker, kafkaClient } from '../bench/helpers.js';
import { kcatProduce } from '../bench/kcat.js';
import { groupCoordinatorReady } from './engine-job-kit.js';

// A bounded job that has read up to its stop offsets asks the broker for nothing more: kafkajs
// fetches again as soon as a batch is handled, and with nothing left that fetch waits out the whole
// long poll, which stopping the source then waited for. The source holds the handler of the batch
// that finished the last partition until it stops. Counted with kafkajs's own request events.

const RECORDS_PER_PARTITION = 4_000;

/** A topic of `partitions` partitions with ~4 MB each, in librdkafka's batches of up to 1 MB. */
async function filledTopic(bootstrap: string, partitions: number): Promise<string> {
  const topic = await createTopic(bootstrap, { partitions });
  await groupCoordinatorReady(bootstrap);
  const value = 'v'.repeat(1_000);
  for (let partition = 0; partition < partitions; partition++) {
    const records = Array.from({ length: RECORDS_PER_PARTITION }, (_, i) => ({ key: `k${i}`, value }));
    await kcatProduce(bootstrap, topic, records, { partition });
  }
  return topic;
}

/** Reads the whole topic as a bounded source, commits as a job's final checkpoint does, then stops. */
async function readToTheEnd(bootstrap: string, topic: string, partitions: number) {
  const tracker = new PartitionTracker(true);
  for (let partition = 0; partition < partitions; partition++)
    tracker.add({ topic, partition }, 0, { kind: 'at', offset: RECORDS_PER_PARTITION });
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
    spec: sourceSchema.parse({
      cluster: { bootstrapServers: bootstrap.split(',') },
      topics: [topic],
      groupId: `stop-${topic}`,
    }),
    tracker,
    async handleBatch(batch: SourceBatch) {
      handed += batch.records.length;
      if (tracker.advance({ topic, partition: batch.partition }, batch.next) && tracker.allFinished()) {
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
  await source.commit(tracker.snapshot(), 'final');
  await source.stop();
  return { failure, handed, fetches, fetchesWhenDone };
}

describe('a bounded source at its stop offsets', () => {
  it('sends no fetch after the batch that reaches the stop offset of every partition', async () => {
    const { bootstrap } = defaultBroker();
    const topic = await filledTopic(bootstrap, 1);
    const run = await readToTheEnd(bootstrap, topic, 1);
    expect(run.failure).toBeUndefined();
    expect(run.handed).toBe(RECORDS_PER_PARTITION);
    expect(run.fetchesWhenDone).toBeGreaterThan(1);
    expect(run.fetches).toBe(run.fetchesWhenDone);
  });

  it('stops with partitions led by three brokers, each fetched by a loop of its own', async () => {
    const { bootstrap } = benchShape('cluster3');
    const topic = await filledTopic(bootstrap, 3);
    const run = await readToTheEnd(bootstrap, topic, 3);
    expect(run.failure).toBeUndefined();
    expect(run.handed).toBe(3 * RECORDS_PER_PARTITION);
  });
});
