import type { Consumer, ConsumerConfig, EachBatchPayload, Kafka } from 'kafkajs';
import type { SourceSpec } from '../spec/index.js';
import { describeTp, type TopicPartition, type TopicPartitionOffset } from '../offsets/topic-partition.js';
import { selectBatch } from './batch-selection.js';
import { fetchSizes, shallowFetchSizes } from './fetch-sizes.js';
import { forwardableRecordSet } from './fetched-batch.js';
import { selectShallow, type ShallowPart } from './shallow-selection.js';
import type { PartitionTracker } from './partition-tracker.js';
import { toSourceRecord, type SourceRecord } from './source-record.js';

/** The part of one fetched batch the engine has not processed yet. */
export interface SourceBatch {
  topic: string;
  partition: number;
  records: SourceRecord[];
  /** The partition's next offset once these records are handed on. */
  next: number;
  /** The partition's end offset as the broker reported it with this batch, when it came with one. */
  highWatermark?: number;
  /** The shallow path: whole record batches and decoded records, in order (then `records` is empty). */
  parts?: ShallowPart[];
}

export interface KafkaSourceOptions {
  kafka: Kafka;
  spec: SourceSpec;
  /** Hand over record batches as bytes (the shallow copy path, engine/job/copy-path.ts). */
  shallow?: boolean;
  tracker: PartitionTracker;
  /** Awaited before the next fetch: how a slow sink pauses consumption. */
  handleBatch(batch: SourceBatch): Promise<void>;
  /** The consumer crashed or a batch failed; the job decides what follows. Called once. */
  onFailure(error: unknown): void;
  /** Assigned partitions the tracker does not know; they stay paused (discovery adds them, or nothing does). */
  onUnknownPartitions(partitions: TopicPartition[]): void;
  onWarning(message: string): void;
}

// kafkajs fetches again only once the handler returned for every batch of a response, so the
// source holds one response per broker at a time; fetch-sizes.ts keeps that response small enough
// to bound memory whatever the lag.
// The long poll also bounds how long stop() and re-subscription wait for an idle fetch (kafkajs
// sleeps this long when every partition is paused), so keep it short; a busy fetch returns at once.
const MAX_WAIT_MS = 250;
// kafkajs heartbeats only between batches; a sink that holds a batch longer keeps the member alive this way.
const HEARTBEAT_MS = 3_000;
// A run that died without leaving the group (broker outage, crash) stays a member until its session
// expires, and the next run's join waits for that: 10 s instead of kafkajs's 30 s default.
const SESSION_TIMEOUT_MS = 10_000;

/** Thrown into kafkajs to make it give up at once; the real error goes to onFailure. */
class StopConsuming extends Error {
  readonly retriable = false;
  constructor() {
    super('the engine stopped consuming after a failure');
  }
}

/**
 * The kafkajs consumer. kafkajs has no manual assign(), so the source joins a group of its own
 * (the job's groupId, auto-commit off) and, on every assignment, seeks each partition to the
 * tracker's next offset. The group's committed offsets are never read to decide where to go.
 */
export class KafkaSource {
  readonly #options: KafkaSourceOptions;
  #consumer: Consumer | undefined;
  #topics: string[] = [];
  #failed = false;
  #stopped = false;
  #detach: (() => void)[] = [];
  /** Let go of the batch handlers held once everything was read (#holdFetching): one per broker's fetch loop at most. */
  #releases: (() => void)[] = [];

  constructor(options: KafkaSourceOptions) {
    this.#options = options;
  }

  get topics(): readonly string[] {
    return this.#topics;
  }

  /** Joins the group and starts fetching; with no topics (a pattern matching nothing yet) it waits. */
  async start(topics: readonly string[]): Promise<void> {
    this.#topics = [...topics];
    if (this.#topics.length === 0) return;
    await this.#run();
  }

  /**
   * Picks up new topics or partitions: kafkajs can change neither a running subscription nor its
   * metadata-driven assignment on demand, so stop, subscribe, run again. The assignment handler
   * then seeks every partition to the tracker's offset, so nothing is lost or read twice.
   */
  async restart(topics: readonly string[]): Promise<void> {
    if (this.#stopped) return;
    for (const t of topics) if (!this.#topics.includes(t)) this.#topics.push(t);
    await this.#shutdownConsumer();
    if (this.#topics.length > 0) await this.#run();
  }

  pause(tp: TopicPartition): void {
    this.#consumer?.pause([{ topic: tp.topic, partitions: [tp.partition] }]);
  }

  /** Commits offsets to the group for monitoring; the metadata tags them with the checkpoint. */
  async commit(offsets: readonly TopicPartitionOffset[], metadata: string): Promise<void> {
    const consumer = this.#consumer;
    if (!consumer) throw new Error('the consumer is not running, so it cannot commit to its group');
    await consumer.commitOffsets(
      offsets.map((o) => ({ topic: o.topic, partition: o.partition, offset: String(o.offset), metadata })),
    );
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#shutdownConsumer();
  }

  async #shutdownConsumer(): Promise<void> {
    const consumer = this.#consumer;
    this.#consumer = undefined;
    for (const detach of this.#detach.splice(0)) detach();
    // disconnect() tells kafkajs's fetch loops to end before it waits for them, so a handler held
    // by #holdFetching returns into a loop that fetches no more.
    const disconnecting = consumer?.disconnect();
    for (const release of this.#releases.splice(0)) release();
    await disconnecting;
  }

  async #run(): Promise<void> {
    const { kafka, spec, tracker, shallow } = this.#options;
    // Sized for the partitions left to read; a later restart (discovery) sizes again.
    const reading = [...tracker.entries()].filter(([tp, p]) => !p.finished && this.#topics.includes(tp.topic)).length;
    const consumer = kafka.consumer({
      groupId: spec.groupId,
      allowAutoTopicCreation: false,
      readUncommitted: spec.isolationLevel === 'read_uncommitted',
      ...(shallow ? shallowFetchSizes(reading) : fetchSizes(reading)),
      maxWaitTimeInMs: MAX_WAIT_MS,
      sessionTimeout: SESSION_TIMEOUT_MS,
      heartbeatInterval: HEARTBEAT_MS,
      // The job's restart strategy decides about restarts, from the last checkpoint.
      retry: { retries: 5, restartOnFailure: async () => false },
      // patches/kafkajs+2.2.4.patch: kafkajs hands each partition's record set over undecoded.
      ...(shallow ? { recordSetDecoder: forwardableRecordSet } : {}),
    } as ConsumerConfig);
    this.#consumer = consumer;
    this.#detach.push(
      consumer.on(consumer.events.GROUP_JOIN, (event) => this.#onAssignment(consumer, event.payload.memberAssignment)),
      consumer.on(consumer.events.END_BATCH_PROCESS, (event) => {
        // Batches of only control records or aborted transactions skip eachBatch; step over them.
        if (event.payload.batchSize === 0)
          this.#stepOver(event.payload.topic, event.payload.partition, Number(event.payload.lastOffset));
      }),
      consumer.on(consumer.events.CRASH, (event) => this.#fail(event.payload.error)),
    );
    await consumer.connect();
    // fromBeginning only matters if a fetch runs out of range mid-run (retention overtook the job).
    await consumer.subscribe({ topics: this.#topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: true,
      partitionsConsumedConcurrently: 1,
      eachBatch: (payload) => this.#eachBatch(consumer, payload),
    });
  }

  #onAssignment(consumer: Consumer, assignment: Record<string, number[]>): void {
    const { tracker } = this.#options;
    const unknown: TopicPartition[] = [];
    let assignedCount = 0;
    for (const [topic, partitions] of Object.entries(assignment)) {
      for (const partition of partitions) {
        assignedCount++;
        const position = tracker.get({ topic, partition });
        if (!position || position.finished) {
          consumer.pause([{ topic, partitions: [partition] }]);
          if (!position) unknown.push({ topic, partition });
          continue;
        }
        consumer.seek({ topic, partition, offset: String(position.next) });
        consumer.resume([{ topic, partitions: [partition] }]);
      }
    }
    const missing = tracker
      .partitions()
      .filter((tp) => this.#topics.includes(tp.topic) && !assignment[tp.topic]?.includes(tp.partition));
    if (missing.length > 0 && assignedCount > 0) {
      this.#options.onWarning(
        `group "${this.#options.spec.groupId}" assigned this job only part of its partitions (not ${missing.map(describeTp).join(', ')}); ` +
          'is another consumer using the same groupId?',
      );
    }
    if (unknown.length > 0) this.#options.onUnknownPartitions(unknown);
  }

  async #eachBatch(consumer: Consumer, { batch, heartbeat }: EachBatchPayload): Promise<void> {
    if (this.#failed) throw new StopConsuming();
    const tp = { topic: batch.topic, partition: batch.partition };
    const position = this.#options.tracker.get(tp);
    if (!position || position.finished) return;
    const selection = selectBatch(batch.messages, Number(batch.lastOffset()), position);
    const parts = this.#options.shallow
      ? await selectShallow(batch.topic, batch.partition, batch.messages, position)
      : undefined;
    const records = parts ? [] : selection.messages.map((m) => toSourceRecord(batch.topic, batch.partition, m));
    const keepAlive = setInterval(() => void heartbeat().catch(() => undefined), HEARTBEAT_MS);
    try {
      await this.#options.handleBatch({
        ...tp,
        records,
        next: selection.next,
        highWatermark: Number(batch.highWatermark),
        ...(parts ? { parts } : {}),
      });
      if (this.#options.tracker.allFinished()) await this.#holdFetching(consumer);
    } catch (error) {
      this.#fail(error);
      throw new StopConsuming();
    } finally {
      clearInterval(keepAlive);
    }
  }

  /**
   * Everything the job was to read is read: kafkajs would fetch again at once, and a fetch with
   * nothing left to read waits the whole long poll, which stop() would wait for. So the handler
   * returns only when the consumer shuts down (the keep-alive heartbeats meanwhile).
   */
  #holdFetching(consumer: Consumer): Promise<void> {
    if (this.#consumer !== consumer) return Promise.resolve();
    return new Promise((resolve) => this.#releases.push(resolve));
  }

  #stepOver(topic: string, partition: number, lastOffset: number): void {
    const position = this.#options.tracker.get({ topic, partition });
    if (!position || position.finished || lastOffset + 1 <= position.next) return;
    this.#options
      .handleBatch({ topic, partition, records: [], next: lastOffset + 1 })
      .catch((error: unknown) => this.#fail(error));
  }

  #fail(error: unknown): void {
    if (this.#failed || this.#stopped) return;
    // Our own StopConsuming comes back through CRASH; the real cause was reported already.
    if (error instanceof StopConsuming) return;
    this.#failed = true;
    this.#options.onFailure(error);
  }
}
