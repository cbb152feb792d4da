export * from './job-metrics.js';
export * from './rate-meter.js';
export * from './metrics-collector.js';
