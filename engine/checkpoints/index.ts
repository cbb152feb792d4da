export type { Checkpoint, CheckpointOffsets, CheckpointSummary } from './checkpoint.js';
export { CheckpointStore, type CheckpointStoreOptions } from './checkpoint-store.js';
export { CURRENT_CHECKPOINT_VERSION, deserializeCheckpoint, serializeCheckpoint } from './checkpoint-format.js';
