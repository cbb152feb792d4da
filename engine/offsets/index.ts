export * from './topic-partition.js';
export * from './log-bounds.js';
export * from './start-position.js';
export * from './stop-position.js';
export * from './restore-offsets.js';
export * from './commit-metadata.js';
export * from './fetch-offsets.js';
export * from './offsets-in-metadata.js';
