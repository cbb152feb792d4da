// The engine's public surface for the desktop app and the CLI.
export * from './job/index.js';
export type { JobMetrics, PartitionMetrics } from './metrics/index.js';
export {
  parseJobSpec,
  jobSpecJsonSchema,
  describeProblems,
  type JobSpec,
  type JobSpecInput,
  type SpecProblem,
} from './spec/index.js';
export { SluiceError, classifyError } from './errors/index.js';
export { CheckpointStore, type Checkpoint } from './checkpoints/index.js';
