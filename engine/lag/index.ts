export * from './lag-status.js';
export { evaluateGroup, evaluatePartition, partitionStatus, pushCommit, type EvaluateOptions } from './evaluate.js';
