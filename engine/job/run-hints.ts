import type { Admin } from 'kafkajs';
import type { HintId } from '../errors/hint-ids.js';
import {
  diffClusterSnapshots,
  fetchClusterSnapshot,
  readAgainstMetadata,
  TOPIC_OR_LEADER_CODES,
  type ClusterSnapshot,
} from '../hints/cluster-probe.js';
import { configObservations, producerSettings, topicDurabilitySettings } from '../hints/job-settings.js';
import { factsOfKafkaLog, observeKafkaLog, type KafkaLogEntry } from '../hints/kafka-log.js';
import type { HintObservation } from '../hints/observation.js';
import { offsetResetObservation } from '../hints/offset-reset.js';
import type { JobSpec } from '../spec/index.js';
import type { RunClients } from './kafka-clients.js';
import type { Logger } from './logger.js';
import type { StartPlan } from './start-plan.js';

// Retries of these make the run look at partition leaders and in-sync replicas: which partitions
// and brokers a leader election touched is evidence kafkajs's retry logs do not carry.
const PROBE_ON = new Set<HintId>(['leader-election', 'broker-unreachable', 'not-enough-replicas', 'request-timeout']);
const PROBE_DELAY_MS = 1_500;
// While replicas are out of sync, look again now and then to see leaders move back.
const REPROBE_MS = 5_000;
// A probe this recent is good enough to tell a missing topic from a leader move.
const FRESH_PROBE_MS = 1_000;

interface Probe {
  admin: Admin;
  topics: string[];
  snapshot: ClusterSnapshot | undefined;
}

/**
 * What one run contributes to the job's hints beyond its failure: kafkajs's retries, the sink's
 * durability settings, offsets reset past retention, and leader changes on the cluster.
 */
export class RunHints {
  readonly #observe: (observation: HintObservation) => void;
  readonly #logger: Logger;
  #probes: Probe[] = [];
  #timer: NodeJS.Timeout | undefined;
  #probing = false;
  #probedAt = 0;
  /** Retries that read as a leader election or a missing topic, waiting for the probe to tell which. */
  #held: HintObservation[] = [];
  #closed = false;

  constructor(observe: (observation: HintObservation) => void, logger: Logger) {
    this.#observe = observe;
    this.#logger = logger;
  }

  onKafkaLog(entry: KafkaLogEntry, bootstrap: readonly string[]): void {
    if (this.#closed) return;
    const ambiguous = TOPIC_OR_LEADER_CODES.has(factsOfKafkaLog(entry).kafkaCode ?? '');
    for (const observation of observeKafkaLog(entry, { bootstrap })) {
      if (ambiguous && observation.hintId === 'leader-election') {
        this.#readAgainstCluster(observation);
        continue;
      }
      this.#observe(observation);
      if (PROBE_ON.has(observation.hintId)) this.#scheduleProbe(PROBE_DELAY_MS);
    }
  }

  /** The cluster's metadata decides: a topic the job names is missing, or a leader is moving. */
  #readAgainstCluster(observation: HintObservation): void {
    const probed = this.#probes.length > 0 && this.#probes.every((p) => p.snapshot !== undefined);
    if (probed && !this.#probing && Date.now() - this.#probedAt <= FRESH_PROBE_MS) {
      this.#observeRead(observation);
      return;
    }
    this.#held.push(observation);
    if (!this.#probing && this.#probes.length > 0) void this.#probe(probed);
    if (this.#probes.length === 0) this.#releaseHeld();
  }

  #missingTopics(): string[] {
    return [...new Set(this.#probes.flatMap((p) => p.snapshot?.missingTopics ?? []))];
  }

  #releaseHeld(): void {
    const held = this.#held;
    this.#held = [];
    if (this.#closed) return;
    for (const observation of held) this.#observeRead(observation);
  }

  #observeRead(observation: HintObservation): void {
    for (const read of readAgainstMetadata(observation, this.#missingTopics())) {
      this.#observe(read);
      if (PROBE_ON.has(read.hintId)) this.#scheduleProbe(PROBE_DELAY_MS);
    }
  }

  /** Best effort, in the background: the cluster as it is at the start, and the sink's settings. */
  start(spec: JobSpec, clients: RunClients, sourceTopics: readonly string[]): void {
    const sinkTopic = spec.sink.type === 'kafka' ? spec.sink.topic : undefined;
    const sink = clients.sink;
    if (sink && sinkTopic !== undefined && !sink.onSourceCluster) {
      this.#probes = [
        { admin: clients.admin, topics: [...sourceTopics], snapshot: undefined },
        { admin: sink.admin, topics: [sinkTopic], snapshot: undefined },
      ];
    } else {
      const topics = [...new Set([...sourceTopics, ...(sinkTopic === undefined ? [] : [sinkTopic])])];
      this.#probes = [{ admin: clients.admin, topics, snapshot: undefined }];
    }
    void this.#probe(false);
    if (sink && sinkTopic !== undefined) void this.#checkSettings(spec, sink.admin, sinkTopic);
  }

  /** Partitions whose wanted offset (committed by the group) was outside the log and fell back. */
  afterPlan(plan: StartPlan): void {
    for (const [tp, start] of plan.positions) {
      if (!start.reason.startsWith('fallback-')) continue;
      const committed = plan.committed.get(tp);
      if (!committed) continue;
      const observation = offsetResetObservation({ tp, wanted: committed.offset, bounds: plan.bounds.get(tp), start });
      if (observation) this.#observe(observation);
    }
  }

  close(): void {
    this.#closed = true;
    // Held retries the run ended before the probe could read: the run's own error names its cause.
    this.#held = [];
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  async #checkSettings(spec: JobSpec, admin: Admin, topic: string): Promise<void> {
    const settings = producerSettings(spec);
    try {
      Object.assign(settings, await topicDurabilitySettings(admin, topic));
    } catch (error) {
      this.#logger.debug(`reading the settings of sink topic "${topic}" failed: ${(error as Error).message}`);
    }
    if (this.#closed) return;
    for (const observation of configObservations(settings, topic)) this.#observe(observation);
  }

  #scheduleProbe(ms: number): void {
    if (this.#closed || this.#timer || this.#probing) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#probe(true);
    }, ms);
    this.#timer.unref();
  }

  async #probe(report: boolean): Promise<void> {
    if (this.#closed || this.#probing) return;
    this.#probing = true;
    let outOfSync = false;
    try {
      for (const probe of this.#probes) {
        const snapshot = await fetchClusterSnapshot(probe.admin, probe.topics, probe.snapshot);
        if (this.#closed) return;
        if (report)
          for (const observation of diffClusterSnapshots(probe.snapshot, snapshot)) this.#observe(observation);
        probe.snapshot = snapshot;
        outOfSync ||= [...snapshot.partitions.values()].some((p) => p.leader < 0 || p.isr.length < p.replicas.length);
      }
      this.#probedAt = Date.now();
    } catch (error) {
      this.#logger.debug(`looking at partition leaders failed: ${(error as Error).message}`);
      outOfSync = report;
    } finally {
      this.#probing = false;
      this.#releaseHeld();
    }
    if (outOfSync && report) this.#scheduleProbe(REPROBE_MS);
  }
}
