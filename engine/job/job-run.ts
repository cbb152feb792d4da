import type { Checkpoint, CheckpointStore } from '../checkpoints/index.js';
import type { MetricsCollector } from '../metrics/metrics-collector.js';
import { fetchLogBounds } from '../offsets/fetch-offsets.js';
import { formatCommitTag } from '../offsets/commit-metadata.js';
import { compareTp, describeTp, type TopicPartition, type TopicPartitionOffset } from '../offsets/topic-partition.js';
import { createSink } from '../sink/create-sink.js';
import { partitionCountOf } from '../sink/kafka-sink.js';
import type { ShallowPart } from '../source/shallow-selection.js';
import type { SourceRecord } from '../source/source-record.js';
import type { Sink } from '../sink/sink.js';
import { discover, discoverAtStart, diffDiscovery } from '../source/discovery.js';
import { KafkaSource, type SourceBatch } from '../source/kafka-source.js';
import { PartitionTracker } from '../source/partition-tracker.js';
import { TopicSelection } from '../source/topic-selection.js';
import type { JobSpec } from '../spec/index.js';
import type { HintObservation } from '../hints/observation.js';
import { RecordTransform } from '../transform/record-transform.js';
import { CheckpointBarrier } from './checkpoint-barrier.js';
import { copyPathOf, describeCopyPath, withPartitionCounts, type CopyPath } from './copy-path.js';
import { registryCopyFor, type RegistryCopy } from './registry-copy.js';
import { withContext } from './error-context.js';
import type { JobEvents } from './job-events.js';
import { connectClients, type ClusterResolver, type RunClients } from './kafka-clients.js';
import type { Logger } from './logger.js';
import { RecordPipeline } from './record-pipeline.js';
import { registryDecoderFor } from './registry-decoding.js';
import { sinkEncodingFor } from './registry-encoding.js';
import { RunHints } from './run-hints.js';
import { UndecodableRecords } from './undecodable-records.js';
import { specWarnings } from './spec-warnings.js';
import { buildStartPlan, type JobMemory } from './start-plan.js';

export type RestoreChoice = { kind: 'latest' } | { kind: 'checkpoint'; checkpointId: number };

export type RunOutcome = { kind: 'finished' } | { kind: 'failed'; error: unknown };

export interface RunContext {
  spec: JobSpec;
  attempt: number;
  store: CheckpointStore;
  metrics: MetricsCollector;
  logger: Logger;
  resolver: ClusterResolver | undefined;
  memory: JobMemory;
  restore: RestoreChoice;
  emit<E extends keyof JobEvents>(event: E, payload: JobEvents[E]): void;
  /** A checkpoint of this run is on disk: later restarts resume from the latest one. */
  onCheckpoint(checkpointId: number): void;
  /** A troubleshooting hint's condition was seen (a retry, a setting, a state); see engine/hints. */
  observe?(observation: HintObservation): void;
}

// Log start and end offsets for metrics; cheap (one request per topic) and not needed per batch.
const BOUNDS_REFRESH_MS = 5_000;

/**
 * One run of a job, from connecting to disconnecting: source → transform → sink, with periodic
 * checkpoints and discovery. A failure ends the run (`outcome`); the job decides about a restart.
 */
export class JobRun {
  readonly outcome: Promise<RunOutcome>;
  readonly #ctx: RunContext;
  readonly #barrier = new CheckpointBarrier();
  readonly #timers = new Set<NodeJS.Timeout>();
  #settle!: (outcome: RunOutcome) => void;
  #settled = false;
  #control: Promise<unknown> = Promise.resolve();
  #clients: RunClients | undefined;
  #tracker: PartitionTracker | undefined;
  #selection: TopicSelection | undefined;
  #source: KafkaSource | undefined;
  #sink: Sink | undefined;
  #copy: RegistryCopy | undefined;
  #pipeline: RecordPipeline | undefined;
  #undecodable: UndecodableRecords | undefined;
  #closing = false;
  readonly #hints: RunHints;

  constructor(ctx: RunContext) {
    this.#ctx = ctx;
    this.#hints = new RunHints((observation) => ctx.observe?.(observation), ctx.logger);
    this.outcome = new Promise((resolve) => (this.#settle = resolve));
  }

  /** Where each partition stands; undefined before start() placed them. */
  get tracker(): PartitionTracker | undefined {
    return this.#tracker;
  }

  async start(): Promise<void> {
    try {
      await this.#start();
    } catch (error) {
      this.#closing = true;
      await this.#teardown(false);
      throw error;
    }
  }

  /** Graceful: final checkpoint (which seals consumption), offsets committed, everything closed. */
  async stop(): Promise<void> {
    this.#closing = true;
    this.#clearTimers();
    let graceful = false;
    try {
      await this.#exclusive(() => this.#checkpoint(true));
      graceful = true;
    } finally {
      await this.#teardown(graceful);
    }
  }

  /** After a failure: nothing more becomes durable; an open transaction is aborted. */
  async abort(): Promise<void> {
    this.#closing = true;
    this.#clearTimers();
    await this.#teardown(false);
  }

  async #start(): Promise<void> {
    const { spec, store, memory, logger } = this.#ctx;
    const clients = await connectClients(spec, this.#ctx.resolver, logger, (entry, bootstrap) =>
      this.#hints.onKafkaLog(entry, bootstrap),
    );
    this.#clients = clients;
    await store.prepare();

    const sinkOnSourceCluster = clients.sink?.onSourceCluster ?? false;
    const selection = new TopicSelection(
      spec.source,
      spec.sink.type === 'kafka' && sinkOnSourceCluster ? [spec.sink.topic] : [],
    );
    this.#selection = selection;
    const { topics, partitions, warnings } = await discoverAtStart(clients.admin, selection, clients.brokers);
    for (const warning of [...warnings, ...specWarnings(spec)]) this.#warn(warning);
    this.#hints.start(spec, clients, topics);

    const copyPath = await this.#copyPath(clients, partitions);
    if (copyPath) logger.info(`copy path: ${describeCopyPath(copyPath)}`);

    const checkpoint = await this.#checkpointToRestore();
    const plan = await buildStartPlan({
      admin: clients.admin,
      transactional:
        spec.sink.type !== 'kafka' || spec.sink.deliveryGuarantee !== 'exactly-once'
          ? undefined
          : sinkOnSourceCluster
            ? { in: 'source-group' }
            : { in: 'sink-metadata', sinkAdmin: clients.sink!.admin, sinkTopic: spec.sink.topic },
      spec,
      topics,
      partitions,
      checkpoint,
      explicit: this.#ctx.restore.kind === 'checkpoint',
      memory,
    });
    for (const warning of plan.warnings) this.#warn(warning);
    this.#hints.afterPlan(plan);

    const tracker = new PartitionTracker(spec.source.stopAt !== undefined);
    for (const tp of partitions) tracker.add(tp, plan.positions.get(tp)!.offset, plan.stops?.get(tp));
    this.#tracker = tracker;
    for (const [tp, bounds] of plan.bounds) this.#ctx.metrics.logBounds(tp, bounds);
    this.#ctx.metrics.committed([...plan.committed].map(([tp, c]) => ({ ...tp, offset: c.offset })));
    this.#ctx.emit('started', {
      attempt: this.#ctx.attempt,
      restoredFrom: checkpoint?.checkpointId,
      transactionalFrom: plan.transactionalFrom,
      positions: [...plan.positions].map(([tp, p]) => ({ ...tp, offset: p.offset, reason: p.reason })).sort(compareTp),
      ...(copyPath ? { copyPath } : {}),
      at: Date.now(),
    });
    if (plan.transactionalFrom !== undefined) {
      this.#warn(
        `exactly-once: resuming from the offsets committed with checkpoint ${plan.transactionalFrom}'s transaction, ` +
          `which the output already holds${checkpoint ? ` (newer than checkpoint ${checkpoint.checkpointId})` : ''}`,
      );
    }
    this.#undecodable = await UndecodableRecords.open(spec.source, clients.kafka, {
      metrics: this.#ctx.metrics,
      logger,
      warn: (message) => this.#warn(message),
    });
    this.#copy = registryCopyFor(spec, clients, checkpoint?.schemaIds);
    this.#pipeline = new RecordPipeline({
      keyFormat: spec.source.keyFormat,
      valueFormat: spec.source.valueFormat,
      registry: registryDecoderFor(spec.source, clients.schemas),
      copy: this.#copy,
      encoding: sinkEncodingFor(spec, clients.sinkSchemas),
      transform: RecordTransform.compile(spec.transform),
      sinkNeedsDecoded: spec.sink.type === 'file',
      onRecordError: this.#undecodable?.handler,
    });
    const sink = createSink(spec, {
      kafka: clients.sink?.kafka,
      admin: clients.sink?.admin,
      sameClusterAsSource: sinkOnSourceCluster,
      meter: this.#ctx.metrics,
      onWarning: (message) => this.#warn(message),
    });
    this.#sink = sink;
    await sink.open(checkpoint?.sink).catch((error: unknown) => {
      throw withContext(`cannot open the ${spec.sink.type} sink`, error);
    });

    this.#source = new KafkaSource({
      kafka: clients.kafka,
      spec: spec.source,
      shallow: copyPath?.kind === 'shallow',
      tracker,
      handleBatch: (batch) => this.#handleBatch(batch),
      onFailure: (error) => this.#fail(error),
      onUnknownPartitions: (tps) => this.#onUnknownPartitions(tps),
      onWarning: (message) => this.#warn(message),
    });
    await this.#source.start(topics);

    this.#schedule(spec.checkpoint.intervalMs, () => this.#exclusive(() => this.#checkpoint(false)));
    this.#schedule(BOUNDS_REFRESH_MS, () => this.#refreshBounds());
    if (!tracker.bounded && spec.source.discoveryIntervalMs > 0) {
      this.#schedule(spec.source.discoveryIntervalMs, () => this.#exclusive(() => this.#discover()));
    }
    if (tracker.allFinished()) this.#finish();
  }

  /** Kafka sinks: whether record batches can be forwarded whole (engine/job/copy-path.ts). */
  async #copyPath(clients: RunClients, partitions: readonly TopicPartition[]): Promise<CopyPath | undefined> {
    const { spec } = this.#ctx;
    if (spec.sink.type !== 'kafka' || !clients.sink) return undefined;
    const path = copyPathOf(spec);
    if (path.kind !== 'shallow') return path;
    let sinkPartitions: number;
    try {
      sinkPartitions = await partitionCountOf(clients.sink.admin, spec.sink.topic);
    } catch {
      return path; // a missing sink topic is reported when the sink opens
    }
    const sourcePartitions = partitions.reduce((most, tp) => Math.max(most, tp.partition + 1), 0);
    return withPartitionCounts(path, sourcePartitions, sinkPartitions, spec.sink.topic);
  }

  async #checkpointToRestore(): Promise<Checkpoint | undefined> {
    const { store, restore } = this.#ctx;
    return restore.kind === 'checkpoint' ? store.load(restore.checkpointId) : store.latest();
  }

  async #handleBatch(batch: SourceBatch): Promise<void> {
    if (!(await this.#barrier.enter())) return;
    try {
      const tp = { topic: batch.topic, partition: batch.partition };
      const { metrics } = this.#ctx;
      if (batch.highWatermark !== undefined) metrics.logBounds(tp, { end: batch.highWatermark });
      if (batch.parts) await this.#forward(tp, batch.parts);
      else if (batch.records.length > 0) await this.#process(tp, batch.records);
      if (this.#tracker!.advance(tp, batch.next)) {
        this.#source?.pause(tp);
        if (this.#tracker!.allFinished()) this.#finish();
      }
    } finally {
      this.#barrier.leave();
    }
  }

  async #process(tp: TopicPartition, records: SourceRecord[]): Promise<void> {
    const { metrics } = this.#ctx;
    let bytes = 0;
    for (const r of records) bytes += r.bytes;
    metrics.recordsIn(tp, records.length, bytes);
    const undecodable = this.#undecodable?.count ?? 0;
    const out = await this.#pipeline!.process(records);
    const failed = (this.#undecodable?.count ?? 0) - undecodable;
    if (out.length + failed < records.length) {
      metrics.recordsFiltered(records.length - out.length - failed);
    }
    await this.#sink!.write(out);
  }

  /** The shallow path: batches go to the sink as bytes, counted from their headers; the rest as records. */
  async #forward(tp: TopicPartition, parts: readonly ShallowPart[]): Promise<void> {
    const { metrics } = this.#ctx;
    for (const part of parts) {
      if (part.kind === 'records') {
        metrics.batchDecoded(part.reason);
        await this.#process(tp, part.records);
        continue;
      }
      metrics.recordsIn(tp, part.batch.count, part.batch.bytes.length);
      metrics.batchForwarded();
      await this.#sink!.forward!(part.batch, tp);
    }
  }

  /**
   * A checkpoint: with no batch in progress, snapshot the offsets, make the sink durable (flush,
   * or commit the transaction holding these offsets), write the checkpoint file, then commit the
   * offsets to the group for monitoring. The file only ever names output that is durable.
   */
  async #checkpoint(final: boolean): Promise<void> {
    const { spec, store, metrics } = this.#ctx;
    const sink = this.#sink;
    const tracker = this.#tracker;
    if (!sink || !tracker) return;
    const startedAt = Date.now();
    const reopen = await this.#barrier.close();
    let offsets: TopicPartitionOffset[];
    let checkpointId: number;
    let commitTag: string;
    let sinkResult;
    try {
      offsets = tracker.snapshot();
      checkpointId = await store.nextId();
      commitTag = formatCommitTag({ job: spec.name, checkpointId, at: startedAt });
      sinkResult = await sink.checkpoint({ checkpointId, offsets, commitTag });
    } finally {
      if (final) this.#barrier.seal();
      else reopen();
    }
    const written = await store.write({
      jobName: spec.name,
      checkpointId,
      takenAt: startedAt,
      offsets,
      partitions: tracker.partitions().sort(compareTp),
      // A bounded job's stops go into every checkpoint: restored in a new process, it ends where
      // its first run would have instead of resolving stopAt again.
      ...(tracker.bounded ? { stops: tracker.stops() } : {}),
      sink: sinkResult.state ?? null,
      ...(this.#copy ? { schemaIds: this.#copy.mapping() } : {}),
    });
    const durationMs = Date.now() - startedAt;
    metrics.checkpointed(offsets, { checkpointId, takenAt: startedAt, durationMs, bytes: written.bytes });
    this.#ctx.onCheckpoint(checkpointId);
    this.#ctx.emit('checkpoint', {
      checkpointId,
      takenAt: startedAt,
      durationMs,
      bytes: written.bytes,
      path: written.path,
      offsets,
      final,
    });

    // Between clusters, the transaction carries the offsets on the sink's cluster; the source's
    // group still gets them for monitoring.
    if (sinkResult.offsetsCommitted) metrics.commitSucceeded(offsets);
    else if (spec.checkpoint.commitOffsetsOnCheckpoint && offsets.length > 0) await this.#commit(offsets, commitTag);
  }

  /** Monitoring only: the checkpoint is the truth, so a failed commit is counted and never fatal. */
  async #commit(offsets: TopicPartitionOffset[], commitTag: string): Promise<void> {
    try {
      await this.#source!.commit(offsets, commitTag);
      this.#ctx.metrics.commitSucceeded(offsets);
    } catch (error) {
      this.#ctx.metrics.commitFailed();
      this.#warn(`committing offsets to group "${this.#ctx.spec.source.groupId}" failed: ${(error as Error).message}`);
    }
  }

  /** New topics need a new subscription; new partitions a new assignment. Both start at earliest. */
  async #discover(): Promise<void> {
    const admin = this.#clients?.admin;
    const source = this.#source;
    const tracker = this.#tracker;
    if (!admin || !source || !tracker || this.#closing) return;
    let found;
    let diff;
    let bounds;
    try {
      found = await discover(admin, this.#selection!);
      diff = diffDiscovery({ topics: source.topics, partitions: tracker }, found);
      if (diff.newPartitions.length === 0 && diff.newTopics.length === 0) return;
      bounds = await fetchLogBounds(admin, [...new Set(diff.newPartitions.map((tp) => tp.topic))]);
    } catch (error) {
      this.#warn(`topic and partition discovery failed, trying again later: ${(error as Error).message}`);
      return;
    }
    const added: TopicPartitionOffset[] = [];
    for (const tp of diff.newPartitions) {
      const log = bounds.get(tp);
      if (!log) continue; // created between the two requests; the next round picks it up
      tracker.add(tp, log.start);
      this.#ctx.metrics.logBounds(tp, log);
      added.push({ ...tp, offset: log.start });
    }
    this.#ctx.emit('discovery', { topics: diff.newTopics, partitions: added, at: Date.now() });
    this.#ctx.logger.info(`discovered ${diff.newTopics.length} topics and ${added.length} partitions`);
    // The running consumer knows neither: join again with the new subscription and fresh metadata,
    // and the assignment handler seeks every partition to the tracked offset.
    await source.restart(found.topics);
  }

  #onUnknownPartitions(partitions: TopicPartition[]): void {
    const { spec } = this.#ctx;
    if (!this.#tracker?.bounded && spec.source.discoveryIntervalMs > 0) {
      void this.#exclusive(() => this.#discover()).catch((error: unknown) => this.#fail(error));
    } else {
      this.#ctx.logger.info(
        `not reading partitions found after the start (discovery is off): ${partitions.map(describeTp).join(', ')}`,
      );
    }
  }

  async #refreshBounds(): Promise<void> {
    const admin = this.#clients?.admin;
    const source = this.#source;
    if (!admin || !source || source.topics.length === 0) return;
    try {
      for (const [tp, bounds] of await fetchLogBounds(admin, source.topics)) this.#ctx.metrics.logBounds(tp, bounds);
    } catch (error) {
      this.#ctx.logger.debug(`refreshing log offsets failed: ${(error as Error).message}`);
    }
  }

  /** Runs `task` every `ms` after the previous one ended; a failing task fails the run. */
  #schedule(ms: number, task: () => Promise<void>): void {
    const next = () => {
      if (this.#closing || this.#settled) return;
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        task().then(next, (error: unknown) => this.#fail(error));
      }, ms);
      this.#timers.add(timer);
    };
    next();
  }

  #clearTimers(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  /** Checkpoints, discovery and stop never overlap. */
  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#control.then(task, task);
    this.#control = run.catch(() => undefined);
    return run;
  }

  #finish(): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#clearTimers();
    this.#settle({ kind: 'finished' });
  }

  #fail(error: unknown): void {
    if (this.#settled || this.#closing) return;
    this.#settled = true;
    this.#clearTimers();
    this.#settle({ kind: 'failed', error });
  }

  #warn(message: string): void {
    this.#ctx.logger.warn(message);
    this.#ctx.emit('warning', { message, at: Date.now() });
  }

  /** `graceful`: after a final checkpoint, so the sink closes; otherwise it aborts. */
  async #teardown(graceful: boolean): Promise<void> {
    this.#barrier.seal();
    this.#hints.close();
    const quietly = async (what: string, step: (() => Promise<void>) | undefined) => {
      if (!step) return;
      try {
        await step();
      } catch (error) {
        this.#ctx.logger.warn(`closing the ${what} failed: ${(error as Error).message}`);
      }
    };
    const source = this.#source;
    const sink = this.#sink;
    this.#source = undefined;
    this.#sink = undefined;
    await quietly('source', source && (() => source.stop()));
    await quietly('sink', sink && (() => (graceful ? sink.close() : sink.abort())));
    const undecodable = this.#undecodable;
    this.#undecodable = undefined;
    await quietly('dead-letter target', undecodable && (() => undecodable.close()));
    await quietly('admin clients', this.#clients?.disconnect);
  }
}
