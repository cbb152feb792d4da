import type { Admin, Kafka, Message, Offsets, Producer, Transaction } from 'kafkajs';
import { ConfigError, SluiceError, TopicNotFoundError } from '../errors/index.js';
import { encodeOffsetsMetadata, offsetsCarrierGroup } from '../offsets/offsets-in-metadata.js';
import { maxInFlightOf, type KafkaSinkSpec, type RecordFormat } from '../spec/index.js';
import type { TopicPartition } from '../offsets/topic-partition.js';
import type { FetchedBatch } from '../source/fetched-batch.js';
import { forwardedMessage } from './forwarded-batch.js';
import { ForwardQueue, type QueuedBatch } from './forward-queue.js';
import { toKafkaMessage, type MessageOptions } from './kafka-message.js';
import { payloadBytes } from './payload-encoding.js';
import { producerConfig, sendOptions, transactionalIdOf } from './producer-config.js';
import { sendChunks } from './send-chunks.js';
import { SendWindow, type SendWindowLimits } from './send-window.js';
import { SinkPartitioner, unacknowledged } from './sink-partitions.js';
import type { CheckpointCut, OutputMeter, Sink, SinkCheckpoint, SinkRecord } from './sink.js';

export interface KafkaSinkOptions {
  kafka: Kafka;
  /** An admin client of the sink's cluster, connected; owned by the caller. */
  admin: Admin;
  spec: KafkaSinkSpec;
  jobName: string;
  /** The source's group: exactly-once commits the consumed offsets to it inside each transaction. */
  groupId: string;
  /**
   * Where exactly-once transactions put the consumed offsets: the source's group when the sink is
   * on the source's cluster, else commit metadata on the sink's cluster (offsets/offsets-in-metadata.ts).
   */
  offsetsIn: 'source-group' | 'sink-metadata';
  keyFormat: RecordFormat;
  valueFormat: RecordFormat;
  meter: OutputMeter;
}

// Sends in flight per sink: enough to overlap producing with the next fetch. Records waiting here
// keep their whole fetch response alive (the payloads are views into it), so the window is bounded
// in bytes too, at about one send on the wire and one ready behind it: an idempotent or
// transactional kafkajs producer sends one request per broker at a time anyway, so more queued
// sends would only hold more memory. Small batches (a job that keeps up) still get four in flight.
// The shallow path's forwarded batches have a window of their own (forwardWindowFor).
const SEND_WINDOW: SendWindowLimits = { sends: 4, bytes: 1024 * 1024 };

/**
 * The record path's sends (write()). With an idempotent producer, or one request in flight, each
 * partition keeps its order: sends go one at a time, so a retried send can never land behind the
 * send that followed it (kafkajs rolls a failed request's sequence numbers back, which lets a
 * concurrent later send overtake it).
 */
function sendWindowFor(spec: KafkaSinkSpec): SendWindowLimits {
  return spec.idempotent || maxInFlightOf(spec) === 1 ? { ...SEND_WINDOW, sends: 1 } : SEND_WINDOW;
}

/**
 * Forwarded batches queued, and in flight, before the source waits. They are views into fetch
 * responses (engine/source/fetch-sizes.ts), which stay in memory until their last batch is sent: a
 * few MiB keep the next fetch and the sends overlapping, more only hold more responses.
 */
const FORWARD_QUEUE_BYTES = 4 * 1024 * 1024;

/**
 * The shallow path's sends: `maxInFlightRequests` produce requests in flight (5 for an idempotent
 * producer, Kafka's default), pipelined on the connection (patches/kafkajs+2.2.4.patch), so the next
 * request crosses the wire while the broker writes the one before. Bounded in bytes as the queue
 * is. A pipelined send is never retried in place: its failure ends the attempt, and the job restarts
 * from its last checkpoint.
 */
function forwardWindowFor(spec: KafkaSinkSpec): SendWindowLimits {
  return { sends: maxInFlightOf(spec), bytes: FORWARD_QUEUE_BYTES };
}

const PARTITION_REFRESH_MS = 60_000;

/** Resends of partitions a send() resolved without acknowledging, before the attempt fails. */
const UNACKNOWLEDGED_RESENDS = 5;

/**
 * The Kafka sink. Delivery guarantees:
 * - none: sends are pipelined and their failures still end the attempt, but a checkpoint does not
 *   wait for them, so a crash may lose what was in flight.
 * - at-least-once: a checkpoint waits until every send so far is acknowledged.
 * - exactly-once: one transaction per checkpoint interval; the checkpoint sends the consumed offsets
 *   into it and commits. Readers use read_committed.
 */
export class KafkaSink implements Sink {
  readonly #options: KafkaSinkOptions;
  readonly #window: SendWindow;
  readonly #forwardLimits: SendWindowLimits;
  readonly #send: ReturnType<typeof sendOptions>;
  readonly #messageOptions: MessageOptions;
  readonly #transactionalId: string | undefined;
  #producer: Producer | undefined;
  #transaction: Promise<Transaction> | undefined;
  /** The first transaction, begun in open() so its InitProducerId overlaps the source's start. */
  #firstTransaction: Promise<Transaction> | undefined;
  #partitioner: SinkPartitioner | undefined;
  #partitionsCheckedAt = Date.now();
  #lastCommitted = '';
  /** Forwarded batches not handed to the send window yet (the shallow path). */
  readonly #queue = new ForwardQueue();
  #queueSending: Promise<void> | undefined;
  #sendScheduled = false;

  constructor(options: KafkaSinkOptions) {
    this.#options = options;
    this.#send = sendOptions(options.spec);
    this.#messageOptions = { sink: options.spec, keyFormat: options.keyFormat, valueFormat: options.valueFormat };
    this.#transactionalId = transactionalIdOf(options.spec);
    this.#window = new SendWindow(sendWindowFor(options.spec));
    this.#forwardLimits = forwardWindowFor(options.spec);
  }

  get #partitionCount(): number {
    return this.#partitioner?.partitionCount ?? 0;
  }

  async open(): Promise<void> {
    const { admin, spec, kafka } = this.#options;
    this.#partitioner = new SinkPartitioner(spec.topic, await partitionCountOf(admin, spec.topic));
    const producer = kafka.producer(producerConfig(spec));
    // For a transactional producer, connect() runs InitProducerId: it bumps the epoch of this
    // transactional id, fencing a crashed run's producer and aborting its open transaction.
    await producer.connect();
    this.#producer = producer;
    // kafkajs asks for the producer id again for its first transaction; ask now, while the source
    // joins its group, not on the first send. A failure surfaces there.
    if (this.#transactionalId) {
      this.#firstTransaction = producer.transaction();
      this.#firstTransaction.catch(() => undefined);
    }
  }

  async write(records: readonly SinkRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.#sendQueued();
    const messages: Message[] = new Array(records.length);
    for (let i = 0; i < records.length; i++) {
      const message = toKafkaMessage(records[i]!, this.#messageOptions);
      if (message.partition !== undefined && message.partition >= this.#partitionCount)
        await this.#checkPartition(message.partition);
      messages[i] = message;
    }
    this.#partitioner!.assign(messages);
    const first = records[0]!.source;
    const { meter } = this.#options;
    const target = this.#transactionalId ? await this.#currentTransaction() : this.#producerOrThrow();
    // One send per fetched batch: kafkajs is patched (patches/kafkajs+2.2.4.patch) to group a
    // send's messages by partition in one pass, so a large send costs no more event-loop time
    // than several small ones, and through an SSH tunnel each send's round trip counts. A batch
    // read compressed can hold more than a broker takes in one batch, so it may take several.
    const chunks = sendChunks(messages);
    for (const chunk of chunks) {
      const chunkBytes = payloadBytesOf(chunk);
      await this.#window.add(
        async () => {
          await this.#sendAll(target, chunk);
          meter.recordsOut(first.topic, first.partition, chunk.length, chunkBytes);
        },
        () => meter.sendError(),
        chunkBytes,
      );
    }
  }

  /**
   * The shallow path: one record batch as fetched, to the source's partition number, in order with
   * write(). A produce request takes one batch per partition, so batches queue per partition and
   * each request carries the oldest of every partition (forward-queue.ts). Requests are pipelined
   * when the sink allows more than one in flight (forwardWindowFor). The source waits once
   * FORWARD_QUEUE_BYTES of batches (views into fetch responses) are queued.
   */
  async forward(batch: FetchedBatch, source: TopicPartition): Promise<void> {
    if (source.partition >= this.#partitionCount) await this.#checkPartition(source.partition);
    this.#queue.push({ batch, source });
    if (this.#queue.bytes > FORWARD_QUEUE_BYTES) await this.#sendQueued();
    else if (!this.#sendScheduled) {
      this.#sendScheduled = true;
      // Once the source has handed over the rest of its fetch; a failure is kept by the window.
      setImmediate(() => {
        this.#sendScheduled = false;
        this.#sendQueued().catch(() => undefined);
      });
    }
  }

  /** Hands every queued batch to the send window, round by round; one loop at a time keeps the order. */
  #sendQueued(): Promise<void> {
    if (this.#queue.empty) return this.#queueSending ?? Promise.resolve();
    this.#queueSending ??= (async () => {
      try {
        while (!this.#queue.empty) await this.#sendRound(this.#queue.takeRound());
      } finally {
        this.#queueSending = undefined;
      }
    })();
    return this.#queueSending;
  }

  async #sendRound(round: QueuedBatch[]): Promise<void> {
    const messages = round.map(({ batch, source }) => forwardedMessage(batch, source.partition));
    let bytes = 0;
    for (const { batch } of round) bytes += batch.bytes.length;
    const { meter } = this.#options;
    const target = this.#transactionalId ? await this.#currentTransaction() : this.#producerOrThrow();
    const limits = this.#forwardLimits;
    await this.#window.add(
      async () => {
        await this.#sendAll(target, messages, limits.sends > 1);
        for (const { batch, source } of round)
          meter.recordsOut(source.topic, source.partition, batch.count, batch.bytes.length);
      },
      () => meter.sendError(),
      bytes,
      limits,
    );
  }

  /**
   * Sends, then resends whatever partitions the acknowledgements leave out (see sink-partitions.ts).
   * A pipelined send is not resent: a later request may already be on the wire behind it.
   */
  async #sendAll(target: Producer | Transaction, messages: Message[], pipelined = false): Promise<void> {
    const { topic } = this.#options.spec;
    let pending = messages;
    const resends = pipelined ? 0 : UNACKNOWLEDGED_RESENDS;
    for (let attempt = 0; attempt <= resends; attempt++) {
      const acknowledged = await target.send({ topic, messages: pending, ...this.#send, pipelined });
      // acks=0: the broker answers nothing, so there is nothing to check.
      if (this.#send.acks === 0) return;
      pending = unacknowledged(pending, acknowledged);
      if (pending.length === 0) return;
    }
    const partitions = [...new Set(pending.map((m) => m.partition))].join(', ');
    const tried = pipelined ? 'in a pipelined send, which is not resent' : `after ${resends} resends`;
    throw new SluiceError(`the brokers acknowledged no write to partitions ${partitions} of "${topic}" ${tried}`, {
      hintId: 'leader-election',
      retriable: true,
      details: { topic },
    });
  }

  async checkpoint(cut: CheckpointCut): Promise<SinkCheckpoint> {
    const guarantee = this.#options.spec.deliveryGuarantee;
    await this.#sendQueued();
    if (guarantee === 'none') return { state: undefined, offsetsCommitted: false };
    await this.#window.drain();
    await this.#refreshPartitionCount();
    if (guarantee === 'at-least-once') return { state: undefined, offsetsCommitted: false };

    const transactionalId = this.#transactionalId!;
    const offsetsKey = JSON.stringify(cut.offsets);
    // Nothing sent and nothing consumed since the last commit: no transaction to commit.
    if (!this.#transaction && offsetsKey === this.#lastCommitted)
      return { state: { kafka: { transactionalId } }, offsetsCommitted: false };
    const offsets = await this.#transactionalOffsets(cut);
    const transaction = await this.#currentTransaction();
    await transaction.sendOffsets(offsets);
    await transaction.commit();
    this.#transaction = undefined;
    this.#lastCommitted = offsetsKey;
    return { state: { kafka: { transactionalId } }, offsetsCommitted: this.#options.offsetsIn === 'source-group' };
  }

  async #transactionalOffsets(cut: CheckpointCut): Promise<Offsets & { consumerGroupId: string }> {
    const { groupId, offsetsIn, spec, jobName } = this.#options;
    if (offsetsIn === 'source-group') return { consumerGroupId: groupId, topics: offsetsByTopic(cut) };
    const chunks = encodeOffsetsMetadata({ job: jobName, checkpointId: cut.checkpointId }, cut.offsets);
    if (chunks.length > this.#partitionCount) {
      throw new ConfigError(
        `exactly-once between clusters carries the source offsets in ${chunks.length} pieces, one per partition of ` +
          `sink topic "${spec.topic}", which has ${this.#partitionCount}; add partitions to the sink topic`,
        { hintId: 'invalid-config', details: { topic: spec.topic } },
      );
    }
    return {
      consumerGroupId: offsetsCarrierGroup(groupId),
      topics: [
        { topic: spec.topic, partitions: chunks.map((metadata, partition) => ({ partition, offset: '0', metadata })) },
      ],
    };
  }

  async close(): Promise<void> {
    try {
      await this.#sendQueued();
      await this.#window.drain();
    } finally {
      await this.#release();
    }
  }

  async abort(): Promise<void> {
    this.#queue.clear();
    await this.#window.settle();
    await this.#release();
  }

  async #release(): Promise<void> {
    const transaction = this.#transaction ?? this.#firstTransaction;
    this.#transaction = undefined;
    this.#firstTransaction = undefined;
    // An open transaction here was not part of any checkpoint: its records must never be visible.
    if (transaction) await transaction.then((t) => t.abort()).catch(() => undefined);
    await this.#producer?.disconnect().catch(() => undefined);
    this.#producer = undefined;
  }

  #producerOrThrow(): Producer {
    if (!this.#producer) throw new Error('the Kafka sink is not open');
    return this.#producer;
  }

  #currentTransaction(): Promise<Transaction> {
    this.#transaction ??= this.#firstTransaction ?? this.#producerOrThrow().transaction();
    this.#firstTransaction = undefined;
    return this.#transaction;
  }

  /** Partitions added to the sink topic are used from the next checkpoint after a minute at most. */
  async #refreshPartitionCount(): Promise<void> {
    if (Date.now() - this.#partitionsCheckedAt < PARTITION_REFRESH_MS) return;
    this.#partitionsCheckedAt = Date.now();
    this.#partitioner!.resize(await partitionCountOf(this.#options.admin, this.#options.spec.topic));
  }

  async #checkPartition(partition: number): Promise<void> {
    // The sink topic may have grown since open(); look once more before failing.
    this.#partitioner!.resize(await partitionCountOf(this.#options.admin, this.#options.spec.topic));
    if (partition < this.#partitionCount) return;
    throw new ConfigError(
      `sink.partitioner "source-partition" cannot write source partition ${partition}: sink topic ` +
        `"${this.#options.spec.topic}" has ${this.#partitionCount} partitions; add partitions or use "murmur2"`,
      { hintId: 'invalid-config', details: { topic: this.#options.spec.topic, partition } },
    );
  }
}

export async function partitionCountOf(admin: Admin, topic: string): Promise<number> {
  const topics = await admin.listTopics();
  if (!topics.includes(topic)) {
    throw new TopicNotFoundError(
      `sink topic "${topic}" does not exist; create it first (the engine never creates topics)`,
      {
        details: { topic },
      },
    );
  }
  const { topics: metadata } = await admin.fetchTopicMetadata({ topics: [topic] });
  return metadata[0]?.partitions.length ?? 0;
}

function offsetsByTopic(cut: CheckpointCut) {
  const byTopic = new Map<string, { partition: number; offset: string; metadata: string }[]>();
  for (const o of cut.offsets) {
    const list = byTopic.get(o.topic) ?? [];
    list.push({ partition: o.partition, offset: String(o.offset), metadata: cut.commitTag });
    byTopic.set(o.topic, list);
  }
  return [...byTopic].map(([topic, partitions]) => ({ topic, partitions }));
}

/** Key plus value bytes: what the metrics count as bytes out. */
function payloadBytesOf(messages: readonly Message[]): number {
  let bytes = 0;
  for (const m of messages) bytes += payloadBytes(m.key ?? null) + payloadBytes(m.value as Buffer | string | null);
  return bytes;
}
