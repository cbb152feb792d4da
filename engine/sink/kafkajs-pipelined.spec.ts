import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// The shallow path's `pipelined` sends (patches/kafkajs+2.2.4.patch, producer/sendMessages.js):
// the broker lock is held until the request is queued on its connection, not until the answer;
// sends queue in the order they were made; and a failed pipelined send is neither retried nor rolled
// back. kafkajs's own sendMessages and retrier run here; the cluster and the broker are stand-ins
// that record what they are asked. The same sends against a real broker: test/integration/shallow-pipelined.test.ts.
const require = createRequire(import.meta.url);
type Send = (args: Record<string, unknown>) => Promise<unknown>;
const createSendMessages = require('kafkajs/src/producer/sendMessages.js') as (deps: Record<string, unknown>) => Send;
const createRetrier = require('kafkajs/src/retry/index.js') as (options: Record<string, unknown>) => unknown;
const { KafkaJSProtocolError } = require('kafkajs/src/errors.js') as {
  KafkaJSProtocolError: new (e: { message: string; type: string; code: number; retriable: boolean }) => Error;
};

const answer = (partition: number) => ({
  topics: [{ topicName: 't', partitions: [{ partition, errorCode: 0, baseOffset: '0' }] }],
});

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** A sendMessages over one broker; `produce` decides what each request does. */
function harness(produce: (request: { onQueued?: () => void; topicData: unknown[] }) => Promise<unknown>) {
  const log: string[] = [];
  const sequences: number[] = [];
  let sequence = 0;
  let locked = false;
  const broker = {
    nodeId: 1,
    produce: (request: { onQueued?: () => void; topicData: { partitions: { partition: number }[] }[] }) => {
      log.push(`produce ${request.topicData[0]!.partitions[0]!.partition}`);
      return produce(request);
    },
  };
  let metadataRefreshes = 0;
  const slowFirstRefresh = deferred<void>();
  const send = createSendMessages({
    logger: { debug() {}, error() {} },
    partitioner: ({ message }: { message: { partition: number } }) => message.partition,
    retrier: createRetrier({ retries: 3, initialRetryTime: 1, maxRetryTime: 5 }),
    cluster: {
      // The first send refreshes metadata, slowly; later ones find it fresh.
      refreshMetadataIfNecessary: () => (metadataRefreshes++ === 0 ? slowFirstRefresh.promise : Promise.resolve()),
      refreshMetadata: async () => {},
      isConnected: () => true,
      addMultipleTargetTopics: async () => {},
      findTopicPartitionMetadata: () => [0, 1, 2].map((partitionId) => ({ partitionId, leader: 1 })),
      findLeaderForPartitions: (_topic: string, partitions: string[]) => ({ 1: partitions.map(Number) }),
      findBroker: async () => broker,
    },
    eosManager: {
      acquireBrokerLock: async () => {
        while (locked) await new Promise((resolve) => setTimeout(resolve, 1));
        locked = true;
        log.push('lock');
      },
      releaseBrokerLock: () => {
        locked = false;
        log.push('unlock');
      },
      isTransactional: () => false,
      getSequence: () => sequence,
      updateSequence: (_topic: string, _partition: number, increment: number) => {
        sequence += increment;
        sequences.push(increment);
      },
      getProducerId: () => '5',
      getProducerEpoch: () => 0,
    },
  });
  const sendTo = (partition: number, pipelined: boolean) =>
    send({
      acks: -1,
      timeout: 1_000,
      pipelined,
      topicMessages: [{ topic: 't', messages: [{ partition, value: 'v' }] }],
    });
  return { sendTo, log, sequences, slowFirstRefresh };
}

const notEnoughReplicas = () =>
  new KafkaJSProtocolError({
    message: 'Messages are rejected since there are fewer in-sync replicas than required',
    type: 'NOT_ENOUGH_REPLICAS',
    code: 19,
    retriable: true,
  });

/** A harness whose requests are queued at once and answered when the test says. */
function heldAnswers() {
  const answers = [deferred<unknown>(), deferred<unknown>()];
  let n = 0;
  const held = harness((request) => {
    request.onQueued?.();
    return answers[n++]!.promise;
  });
  return { ...held, answers };
}

/** A harness whose every request the broker refuses; `requests()` counts them. */
function refusing() {
  let requests = 0;
  const held = harness(async (request) => {
    requests++;
    request.onQueued?.();
    throw notEnoughReplicas();
  });
  held.slowFirstRefresh.resolve();
  return { ...held, requests: () => requests };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('kafkajs pipelined sends as installed', () => {
  it('releases the broker lock once the request is queued, before the broker answers', async () => {
    const { sendTo, log, slowFirstRefresh, answers } = heldAnswers();
    slowFirstRefresh.resolve();
    const first = sendTo(0, true);
    const second = sendTo(1, true);
    await settle();
    // Both requests are on the wire and neither is answered.
    expect(log).toEqual(['lock', 'produce 0', 'unlock', 'lock', 'produce 1', 'unlock']);
    answers[0]!.resolve(answer(0));
    answers[1]!.resolve(answer(1));
    await expect(Promise.all([first, second])).resolves.toHaveLength(2);
  });

  it('without `pipelined`, holds the lock until the answer', async () => {
    const { sendTo, log, slowFirstRefresh, answers } = heldAnswers();
    slowFirstRefresh.resolve();
    const first = sendTo(0, false);
    const second = sendTo(1, false);
    await settle();
    expect(log).toEqual(['lock', 'produce 0']);
    answers[0]!.resolve(answer(0));
    await first;
    await settle();
    answers[1]!.resolve(answer(1));
    await second;
    expect(log).toEqual(['lock', 'produce 0', 'unlock', 'lock', 'produce 1', 'unlock']);
  });

  it('queues pipelined sends in the order they were made, even when the first waits on metadata', async () => {
    const { sendTo, log, slowFirstRefresh } = harness(async (request) => {
      request.onQueued?.();
      return answer(0);
    });
    const sends = [sendTo(0, true), sendTo(1, true), sendTo(2, true)];
    await settle();
    expect(log).toEqual([]);
    slowFirstRefresh.resolve();
    await Promise.all(sends);
    expect(log.filter((entry) => entry.startsWith('produce'))).toEqual(['produce 0', 'produce 1', 'produce 2']);
  });

  it('queues a pipelined send after the plain send made before it, which keeps the lock until answered', async () => {
    const { sendTo, log, slowFirstRefresh, answers } = heldAnswers();
    const plain = sendTo(0, false);
    const pipelined = sendTo(1, true);
    await settle();
    slowFirstRefresh.resolve();
    await settle();
    expect(log).toEqual(['lock', 'produce 0']);
    answers[0]!.resolve(answer(0));
    await plain;
    await settle();
    expect(log).toEqual(['lock', 'produce 0', 'unlock', 'lock', 'produce 1', 'unlock']);
    answers[1]!.resolve(answer(1));
    await pipelined;
  });

  it('fails a refused pipelined request with the broker error: no retry, no sequence rollback', async () => {
    const { sendTo, sequences, requests } = refusing();
    await expect(sendTo(0, true)).rejects.toMatchObject({ type: 'NOT_ENOUGH_REPLICAS' });
    expect(requests()).toBe(1);
    // A later request may already carry the next sequence numbers: they stay taken.
    expect(sequences).toEqual([1]);
  });

  it('retries the same refusal in place when not pipelined, rolling the sequence back each time', async () => {
    const { sendTo, sequences, requests } = refusing();
    await expect(sendTo(0, false)).rejects.toThrow(/in-sync replicas/);
    expect(requests()).toBe(4);
    expect(sequences).toEqual([1, -1, 1, -1, 1, -1, 1, -1]);
  });
});
