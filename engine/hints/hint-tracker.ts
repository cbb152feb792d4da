import type { HintId } from '../errors/hint-ids.js';
import { hintEntry } from './catalogue.js';
import type { HintObservation, HintSummary } from './observation.js';

export interface HintTrackerOptions {
  /** A hint is active while it was seen this recently (config hints: while the job runs with them). */
  activeWindowMs?: number;
  /** Timeline entries kept per hint. */
  timelineLength?: number;
  /** Evidence values kept per list (partitions, brokers, topics). */
  evidenceLength?: number;
  /**
   * kafkajs logs one failed request twice (the connection's response, the producer's retry): the
   * same hint within this many ms adds evidence but is counted once.
   */
  mergeWithinMs?: number;
}

interface Tracked {
  summary: HintSummary;
  lastKey: string;
  sticky: boolean;
}

const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 } as const;

/** Per job: every hint seen, with counts, first and last time, the evidence and a short timeline. */
export class HintTracker {
  readonly #hints = new Map<HintId, Tracked>();
  readonly #activeWindowMs: number;
  readonly #timelineLength: number;
  readonly #evidenceLength: number;
  readonly #mergeWithinMs: number;

  constructor(options: HintTrackerOptions = {}) {
    this.#activeWindowMs = options.activeWindowMs ?? 5 * 60_000;
    this.#timelineLength = options.timelineLength ?? 20;
    this.#evidenceLength = options.evidenceLength ?? 20;
    this.#mergeWithinMs = options.mergeWithinMs ?? 200;
  }

  /** Adds a sighting; true when it is the first of its hint (callers may publish at once). */
  observe(observation: HintObservation): boolean {
    const existing = this.#hints.get(observation.hintId);
    const tracked = existing ?? this.#create(observation);
    const { summary } = tracked;
    const key = `${observation.origin}|${observation.message}`;
    const merged =
      existing !== undefined &&
      observation.origin === 'retry' &&
      tracked.lastKey.startsWith('retry|') &&
      observation.at - summary.lastAt <= this.#mergeWithinMs;
    if (!merged) {
      summary.count++;
      if (observation.origin === 'retry') summary.retries++;
      summary.timeline.push({ at: observation.at, message: observation.message, origin: observation.origin });
      if (summary.timeline.length > this.#timelineLength) summary.timeline.shift();
    }
    tracked.lastKey = key;
    summary.lastAt = Math.max(summary.lastAt, observation.at);
    summary.lastMessage = observation.message;
    if (observation.origin === 'config') tracked.sticky = true;
    if (observation.topic !== undefined) this.#add(summary.topics, observation.topic);
    for (const topic of observation.topics ?? []) this.#add(summary.topics, topic);
    if (observation.topic !== undefined && observation.partition !== undefined) {
      this.#add(summary.partitions, `${observation.topic}/${observation.partition}`);
    }
    if (observation.broker !== undefined) this.#addBroker(summary.brokers, observation.broker);
    if (observation.settings) Object.assign(summary.settings, observation.settings);
    return existing === undefined;
  }

  /** A new run re-checks its settings: config hints it no longer sees stop being active. */
  clearSticky(): void {
    for (const tracked of this.#hints.values()) tracked.sticky = false;
  }

  has(id: HintId): boolean {
    return this.#hints.has(id);
  }

  /** Copies, most severe first, then the most recent. */
  list(now = Date.now()): HintSummary[] {
    return [...this.#hints.values()]
      .map(({ summary, sticky }) => ({
        ...summary,
        active: sticky || now - summary.lastAt <= this.#activeWindowMs,
        topics: [...summary.topics],
        partitions: [...summary.partitions],
        brokers: [...summary.brokers],
        settings: { ...summary.settings },
        timeline: [...summary.timeline],
      }))
      .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.lastAt - a.lastAt);
  }

  #create(observation: HintObservation): Tracked {
    const entry = hintEntry(observation.hintId);
    const tracked: Tracked = {
      summary: {
        id: observation.hintId,
        title: entry.title,
        severity: entry.severity,
        retriable: entry.retriable,
        count: 0,
        retries: 0,
        firstAt: observation.at,
        lastAt: observation.at,
        active: true,
        topics: [],
        partitions: [],
        brokers: [],
        settings: {},
        lastMessage: observation.message,
        timeline: [],
      },
      lastKey: '',
      sticky: false,
    };
    this.#hints.set(observation.hintId, tracked);
    return tracked;
  }

  /** `host:port` and `broker 2 (host:port)` name one broker: keep the fuller form once. */
  #addBroker(list: string[], value: string): void {
    const address = /\((.+)\)$/.exec(value)?.[1];
    if (list.some((b) => b === value || b.endsWith(`(${value})`))) return;
    const plain = address === undefined ? -1 : list.indexOf(address);
    if (plain >= 0) list[plain] = value;
    else this.#add(list, value);
  }

  #add(list: string[], value: string): void {
    if (list.includes(value)) return;
    list.push(value);
    if (list.length > this.#evidenceLength) list.shift();
  }
}
