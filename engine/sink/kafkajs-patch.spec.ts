import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { BATCH_OFFSETS, scanRecordSet } from '../source/fetched-batch.js';
import { encodeBatch } from '../source/record-batch-fixture.js';
import { forwardedMessage } from './forwarded-batch.js';

// The Kafka sink sends a whole fetched batch at once; that is only cheap because kafkajs is
// installed with patches/kafkajs+2.2.4.patch (postinstall), which groups a send's messages by
// partition in one pass instead of copying each partition's array once per message.
const require = createRequire(import.meta.url);
const modulePath = require.resolve('kafkajs/src/producer/groupMessagesPerPartition.js');
const group = require(modulePath) as (args: {
  topic: string;
  partitionMetadata: { partitionId: number }[];
  messages: { partition: number; value: string }[];
  partitioner: (args: { message: { partition: number } }) => number;
}) => Record<string, { partition: number; value: string }[]>;

describe('kafkajs as installed', () => {
  it('carries the linear grouping patch', () => {
    const source = readFileSync(modulePath, 'utf8');
    expect(source).toContain('Patched by Sluice');
    expect(source).not.toContain('[...current, message]');
  });

  it('groups messages by partition, each partition in send order', () => {
    const messages = Array.from({ length: 9 }, (_, i) => ({ partition: i % 3, value: `m${i}` }));
    const grouped = group({
      topic: 't',
      partitionMetadata: [0, 1, 2].map((partitionId) => ({ partitionId })),
      messages,
      partitioner: ({ message }) => message.partition,
    });
    expect(Object.keys(grouped).sort()).toEqual(['0', '1', '2']);
    expect(grouped['0']!.map((m) => m.value)).toEqual(['m0', 'm3', 'm6']);
    expect(grouped['2']!.map((m) => m.value)).toEqual(['m2', 'm5', 'm8']);
  });

  it('groups nothing when the topic has no partition metadata', () => {
    expect(
      group({ topic: 't', partitionMetadata: [], messages: [{ partition: 0, value: 'x' }], partitioner: () => 0 }),
    ).toEqual({});
  });
});

// A copied record may carry a header whose value is null (the Java client writes one); kafkajs
// measured it with Buffer.byteLength(null) before checking for null, which threw.
const encodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0/index.js') as (record: {
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | null | (Buffer | null)[]>;
}) => { buffer: Buffer };
const Decoder = require('kafkajs/src/protocol/decoder.js') as new (buffer: Buffer) => { readVarInt(): number };
const decodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0/decoder.js') as (
  decoder: unknown,
  batch: { firstOffset: string; firstTimestamp: string },
) => { headers: Record<string, unknown> };

describe('kafkajs record encoding as installed', () => {
  it('writes a null header value as Kafka does and reads it back', () => {
    const source = readFileSync(require.resolve('kafkajs/src/protocol/recordBatch/record/v0/index.js'), 'utf8');
    expect(source).toContain('Patched by Sluice');
    const { buffer } = encodeRecord({
      key: null,
      value: Buffer.from([0xff, 0x00]),
      headers: { empty: null, bin: Buffer.from([0x00, 0xfe]), twice: [Buffer.from('a'), null] },
    });
    const decoder = new Decoder(buffer);
    decoder.readVarInt(); // the record's length, read by the batch decoder in kafkajs
    const decoded = decodeRecord(decoder, { firstOffset: '0', firstTimestamp: '0' });
    expect(decoded.headers['empty']).toBeNull();
    expect(decoded.headers['bin']).toEqual(Buffer.from([0x00, 0xfe]));
    expect(decoded.headers['twice']).toEqual([Buffer.from('a'), null]);
  });
});

// The shallow copy path (engine/job/copy-path.ts) needs kafkajs to hand a fetched record set over
// undecoded and to send a record batch as it is; patches/kafkajs+2.2.4.patch adds both.
describe('kafkajs record sets and forwarded batches as installed', () => {
  it('keeps a fetched record set as bytes and decodes it only when asked', async () => {
    const fetchDecoding = require('kafkajs/src/protocol/requests/fetch/v4/decodeMessages.js') as ((
      decoder: unknown,
    ) => Promise<{ buffer: Buffer }>) & { decodeRecordSet?: (buffer: Buffer) => Promise<{ offset: string }[]> };
    expect(fetchDecoding.decodeRecordSet, 'decodeRecordSet is missing: the patch is not applied').toBeTypeOf(
      'function',
    );
    const set = await encodeBatch({ baseOffset: 40, records: [{ key: null, value: Buffer.from('v'), timestamp: 1 }] });
    const Encoder = require('kafkajs/src/protocol/encoder.js') as new () => {
      writeBytes(b: Buffer): { buffer: Buffer };
    };
    const response = new Decoder(new Encoder().writeBytes(set).buffer);
    const recordSet = await fetchDecoding(response);
    expect(recordSet.buffer).toEqual(set);
    expect((await fetchDecoding.decodeRecordSet!(recordSet.buffer)).map((m) => m.offset)).toEqual(['40']);
  });

  it('passes the consumer option recordSetDecoder down to the consumer group', () => {
    for (const file of ['index.js', 'consumer/index.js', 'consumer/consumerGroup.js']) {
      const source = readFileSync(require.resolve(`kafkajs/src/${file}`), 'utf8');
      expect(source, file).toContain('recordSetDecoder');
    }
  });

  it('encodes a forwarded batch with the producer fields of the request, as the only batch of its partition', async () => {
    const produceRequest = require('kafkajs/src/protocol/requests/produce/v3/request.js') as (
      args: Record<string, unknown>,
    ) => { encode(): Promise<{ buffer: Buffer }> };
    const bytes = await encodeBatch({
      baseOffset: 900,
      records: [{ key: null, value: Buffer.from('x'), timestamp: 5 }],
    });
    const batch = scanRecordSet(Buffer.from(bytes))![0]!;
    const request = produceRequest({
      acks: -1,
      timeout: 1_000,
      transactionalId: 'tx',
      producerId: '42',
      producerEpoch: 3,
      topicData: [
        { topic: 't', partitions: [{ partition: 2, firstSequence: 17, messages: [forwardedMessage(batch, 2)] }] },
      ],
    });
    const encoded = (await request.encode()).buffer;
    const written = encoded.subarray(encoded.length - bytes.length);
    expect(written.readBigInt64BE(BATCH_OFFSETS.producerId)).toBe(42n);
    expect(written.readInt16BE(BATCH_OFFSETS.producerEpoch)).toBe(3);
    expect(written.readInt32BE(BATCH_OFFSETS.baseSequence)).toBe(17);
    expect(written.readInt16BE(BATCH_OFFSETS.attributes) & 0x10).toBe(0x10);
    expect(encoded.readInt32BE(encoded.length - bytes.length - 4)).toBe(bytes.length);

    const twice = produceRequest({
      acks: -1,
      timeout: 1_000,
      topicData: [
        {
          topic: 't',
          partitions: [{ partition: 2, messages: [forwardedMessage(batch, 2), forwardedMessage(batch, 2)] }],
        },
      ],
    });
    await expect(twice.encode()).rejects.toThrow(/only message of partition 2/);
  });

  it('advances the producer sequence by the records a forwarded batch holds', async () => {
    const sendMessages = require('kafkajs/src/producer/sendMessages.js') as (
      deps: Record<string, unknown>,
    ) => (args: Record<string, unknown>) => Promise<unknown>;
    const sequences: number[] = [];
    const broker = {
      nodeId: 1,
      produce: async () => ({
        topics: [{ topicName: 't', partitions: [{ partition: 0, errorCode: 0, baseOffset: '0' }] }],
      }),
    };
    const send = sendMessages({
      logger: { debug() {}, error() {} },
      partitioner: () => 0,
      retrier: (task: (bail: unknown, count: number, time: number) => Promise<unknown>) => task(() => {}, 0, 0),
      cluster: {
        refreshMetadataIfNecessary: async () => {},
        addMultipleTargetTopics: async () => {},
        findTopicPartitionMetadata: () => [{ partitionId: 0, leader: 1 }],
        findLeaderForPartitions: () => ({ 1: [0] }),
        findBroker: async () => broker,
      },
      eosManager: {
        acquireBrokerLock: async () => {},
        releaseBrokerLock: async () => {},
        isTransactional: () => false,
        getSequence: () => 0,
        updateSequence: (_topic: string, _partition: number, increment: number) => sequences.push(increment),
        getProducerId: () => '5',
        getProducerEpoch: () => 0,
      },
    });
    const batch = scanRecordSet(
      await encodeBatch({
        baseOffset: 0,
        records: Array.from({ length: 6 }, (_, i) => ({ key: null, value: Buffer.from([i]), timestamp: i })),
      }),
    )![0]!;
    await send({ acks: -1, timeout: 1_000, topicMessages: [{ topic: 't', messages: [forwardedMessage(batch, 0)] }] });
    expect(sequences).toEqual([6]);
  });
});

// A forwarded batch of a megabyte used to be copied into a fresh buffer at each level of the
// request (partition, topic, request, size prefix); the patched Encoder keeps large buffers by
// reference and the connection writes the request as its pieces.
describe('kafkajs requests with large buffers as installed', () => {
  type Encoder = { buffer: Buffer; size(): number; toChunks?(): Buffer[] };
  const createRequest = require('kafkajs/src/protocol/request.js') as (args: {
    correlationId: number;
    clientId: string;
    request: { apiKey: number; apiVersion: number; encode(): Promise<Encoder> };
  }) => Promise<Encoder>;
  const produceRequest = require('kafkajs/src/protocol/requests/produce/v3/request.js') as (
    args: Record<string, unknown>,
  ) => { apiKey: number; apiVersion: number; encode(): Promise<Encoder> };

  const largeBatch = async () => {
    const value = Buffer.alloc(200 * 1024, 7);
    const bytes = await encodeBatch({ baseOffset: 0, records: [{ key: null, value, timestamp: 1 }] });
    return scanRecordSet(Buffer.from(bytes))![0]!;
  };
  const requestFor = async (batch: Awaited<ReturnType<typeof largeBatch>>, acks = -1) =>
    createRequest({
      correlationId: 9,
      clientId: 'spec',
      request: produceRequest({
        acks,
        timeout: 1_000,
        producerId: '3',
        producerEpoch: 0,
        topicData: [
          { topic: 't', partitions: [{ partition: 0, firstSequence: 0, messages: [forwardedMessage(batch, 0)] }] },
        ],
      }),
    });

  it('keeps a forwarded batch by reference in the request it is sent in', async () => {
    const batch = await largeBatch();
    const payload = await requestFor(batch);
    expect(payload.toChunks, 'Encoder#toChunks is missing: the patch is not applied').toBeTypeOf('function');
    const pieces = payload.toChunks!();
    expect(pieces).toContain(batch.bytes);
    const whole = Buffer.concat(pieces);
    expect(whole.length).toBe(payload.size());
    expect(whole.readInt32BE(0)).toBe(payload.size() - 4);
    expect(payload.buffer.equals(whole)).toBe(true);
    expect(whole.subarray(whole.length - batch.bytes.length).equals(batch.bytes)).toBe(true);
  });

  it('writes a request held in pieces to the socket byte for byte', async () => {
    const Connection = require('kafkajs/src/network/connection.js') as new (options: Record<string, unknown>) => {
      connect(): Promise<void>;
      disconnect(): Promise<void>;
      send(args: { request: unknown; response: unknown }): Promise<unknown>;
    };
    const { createLogger, LEVELS } = require('kafkajs/src/loggers/index.js') as {
      createLogger(o: { level: number; logCreator: () => () => void }): unknown;
      LEVELS: { NOTHING: number };
    };
    const socketFactory = (require('kafkajs/src/network/socketFactory.js') as () => unknown)();
    const received: Buffer[] = [];
    const server = createServer((socket) => socket.on('data', (chunk) => received.push(chunk)));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const connection = new Connection({
      host: '127.0.0.1',
      port,
      socketFactory,
      logger: createLogger({ level: LEVELS.NOTHING, logCreator: () => () => {} }),
      requestTimeout: 5_000,
      connectionTimeout: 5_000,
      clientId: 'spec',
    });
    try {
      await connection.connect();
      const batch = await largeBatch();
      // acks 0: a Produce request the broker answers with nothing, so no peer has to reply
      const request = produceRequest({
        acks: 0,
        timeout: 1_000,
        producerId: '3',
        producerEpoch: 0,
        topicData: [
          { topic: 't', partitions: [{ partition: 0, firstSequence: 0, messages: [forwardedMessage(batch, 0)] }] },
        ],
      });
      await connection.send({ request, response: {} });
      const expected = (await requestFor(batch, 0)).buffer;
      // the correlation id differs: the connection numbers its requests from 0
      expected.writeInt32BE(0, 8);
      await vi.waitUntil(() => Buffer.concat(received).length >= expected.length, { timeout: 5_000 });
      expect(Buffer.concat(received).equals(expected)).toBe(true);
    } finally {
      await connection.disconnect();
      server.close();
    }
  });
});

// Right after a commit the transaction coordinator answers AddPartitionsToTxn with
// CONCURRENT_TRANSACTIONS until its markers are written; asked again only by the send's retrier
// (~300 ms), every checkpoint of an exactly-once job stalled the copy.
describe('kafkajs transactions as installed', () => {
  const createEosManager = require('kafkajs/src/producer/eosManager/index.js') as (options: {
    logger: unknown;
    cluster: unknown;
    transactional: boolean;
    transactionalId: string;
  }) => {
    initProducerId(): Promise<void>;
    beginTransaction(): void;
    addPartitionsToTransaction(topicData: { topic: string; partitions: { partition: number }[] }[]): Promise<void>;
  };
  const { KafkaJSProtocolError } = require('kafkajs/src/errors.js') as {
    KafkaJSProtocolError: new (e: { type: string; message: string; retriable: boolean; code: number }) => Error;
  };
  const concurrent = () =>
    new KafkaJSProtocolError({ type: 'CONCURRENT_TRANSACTIONS', message: 'concurrent', retriable: true, code: 51 });

  const managerWith = (addPartitionsToTxn: () => Promise<void>) => {
    const coordinator = { initProducerId: async () => ({ producerId: '7', producerEpoch: 0 }), addPartitionsToTxn };
    const logger = { debug() {}, info() {}, warn() {}, error() {} };
    return createEosManager({
      logger: { ...logger, namespace: () => logger },
      cluster: {
        retry: { retries: 0 },
        refreshMetadataIfNecessary: async () => {},
        findGroupCoordinator: async () => coordinator,
      },
      transactional: true,
      transactionalId: 'tx',
    });
  };

  it('asks again at once while the coordinator is finishing the last transaction', async () => {
    let calls = 0;
    const manager = managerWith(async () => {
      calls++;
      if (calls <= 3) throw concurrent();
    });
    await manager.initProducerId();
    manager.beginTransaction();
    await manager.addPartitionsToTransaction([{ topic: 't', partitions: [{ partition: 0 }] }]);
    expect(calls).toBe(4);
  });

  it('gives up on other errors at once, leaving them to the send retrier', async () => {
    let calls = 0;
    const manager = managerWith(async () => {
      calls++;
      throw new KafkaJSProtocolError({ type: 'INVALID_TXN_STATE', message: 'invalid', retriable: false, code: 48 });
    });
    await manager.initProducerId();
    manager.beginTransaction();
    await expect(manager.addPartitionsToTransaction([{ topic: 't', partitions: [{ partition: 0 }] }])).rejects.toThrow(
      'invalid',
    );
    expect(calls).toBe(1);
  });
});
