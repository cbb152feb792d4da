import type { HintId } from '../errors/hint-ids.js';
import type { HintSeverity } from './catalogue-schema.js';

/** One sighting of a hint's condition: an error, a retry kafkajs logged, a state, a setting. */
export interface HintObservation {
  hintId: HintId;
  at: number;
  message: string;
  /** error: ended a run; retry: the client retried it by itself; state/config: observed by the engine. */
  origin: 'error' | 'retry' | 'state' | 'config';
  topic?: string;
  /** More topics at once (a failure naming several missing topics). */
  topics?: readonly string[];
  partition?: number;
  /** host:port, or `broker <id>` when only the node id is known. */
  broker?: string;
  settings?: Readonly<Record<string, string>>;
}

/** What the UI and CLI show for one hint of a job: the catalogue's words plus the evidence. */
export interface HintSummary {
  id: HintId;
  title: string;
  severity: HintSeverity;
  retriable: boolean;
  count: number;
  /** How many of `count` the client retried by itself (never ended a run). */
  retries: number;
  firstAt: number;
  lastAt: number;
  /** Seen recently, or a setting the job still runs with. */
  active: boolean;
  topics: string[];
  /** `topic/partition`. */
  partitions: string[];
  brokers: string[];
  settings: Record<string, string>;
  lastMessage: string;
  /** The most recent sightings, oldest first (bounded). */
  timeline: { at: number; message: string; origin: HintObservation['origin'] }[];
}
