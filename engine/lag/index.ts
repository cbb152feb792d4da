export * from './lag-status.js';
export { evaluateGroup, evaluatePartition, partitionStatus, pushCommit, type EvaluateOptions } from './evaluate.js';
export {
  openLagHistory,
  LAG_HISTORY_DEFAULTS,
  type LagHistory,
  type LagHistoryOptions,
  type MaintainReport,
  type StoredWindows,
} from './lag-history.js';
export { HistoryLockedError } from './history-lock.js';
