export * from './source-record.js';
export * from './record-decoder.js';
export * from './partition-tracker.js';
export * from './batch-selection.js';
export * from './topic-selection.js';
export * from './discovery.js';
export * from './kafka-source.js';
