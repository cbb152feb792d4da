export { createJob, type Job, type JobOptions, type JobResult } from './job.js';
export type {
  JobEvents,
  StartedEvent,
  CheckpointEvent,
  WarningEvent,
  ErrorEvent,
  DiscoveryEvent,
  HintsEvent,
} from './job-events.js';
export type { HintSummary, HintObservation } from '../hints/observation.js';
export {
  JOB_TRANSITIONS,
  isActiveState,
  isTerminal,
  type JobState,
  type TerminalState,
  type StateChange,
} from './job-state.js';
export type { ClusterConnection, ClusterResolver } from './kafka-clients.js';
export { silentLogger, type Logger } from './logger.js';
export type { JobMetrics, PartitionMetrics } from '../metrics/job-metrics.js';
