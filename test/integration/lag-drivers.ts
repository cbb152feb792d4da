// Real consumers and producers for the lag monitor tests, each driven by kafkajs against the bench
// broker: a producer at a steady rate or in bursts, a consumer at a chosen pace, and a group member
// that commits offsets the test picks (the same one again, or a lower one).
import { Partitioners, type Consumer, type Kafka } from 'kafkajs';

export interface Running {
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `perTick` records every `tickMs` to partition 0, until stopped. */
export async function steadyProducer(kafka: Kafka, topic: string, perTick: number, tickMs: number): Promise<Running> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  let running = true;
  let sent = 0;
  const loop = (async () => {
    while (running) {
      const messages = Array.from({ length: perTick }, () => ({ partition: 0, value: `v-${sent++}` }));
      // A send that fails (a slow broker under load) is not the test's subject: try again next tick.
      await producer.send({ topic, messages }).catch(() => undefined);
      await sleep(tickMs);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      await producer.disconnect();
    },
  };
}

/** A consumer of `topic` in `groupId` that takes `perRecordMs` per record and commits as kafkajs does. */
export async function pacedConsumer(
  kafka: Kafka,
  topic: string,
  groupId: string,
  perRecordMs: number,
): Promise<Running & { consumer: Consumer }> {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200, maxBytesPerPartition: 2048 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    autoCommitInterval: 300,
    eachMessage: async () => {
      if (perRecordMs > 0) await sleep(perRecordMs);
    },
  });
  return { consumer, stop: () => consumer.disconnect() };
}

/**
 * A member of `groupId` (joined, its partitions paused) that commits `next()` on partition 0 every
 * `everyMs`: the offsets a test chooses, as a real group member commits them. `beforeEach`, when
 * given, runs (awaited) before every commit: a producer step tied to the commits, so what the lag
 * does between two commits does not depend on how fast a loaded machine runs two loops.
 */
export async function committingMember(
  kafka: Kafka,
  topic: string,
  groupId: string,
  everyMs: number,
  next: () => number,
  beforeEach?: () => Promise<void>,
): Promise<Running> {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let joined!: () => void;
  const isJoined = new Promise<void>((resolve) => (joined = resolve));
  consumer.on(consumer.events.GROUP_JOIN, () => joined());
  await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: async () => undefined });
  await isJoined;
  consumer.pause([{ topic }]);
  let running = true;
  const loop = (async () => {
    while (running) {
      if (beforeEach) await beforeEach().catch(() => undefined);
      await consumer.commitOffsets([{ topic, partition: 0, offset: String(next()) }]).catch(() => undefined);
      await sleep(everyMs);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      await consumer.disconnect();
    },
  };
}
