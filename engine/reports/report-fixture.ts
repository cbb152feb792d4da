import type { OffsetReport } from './report-schema.js';

/** A small report for specs: a job at checkpoint 42 over orders/0..2, one partition without an offset. */
export function sampleReport(overrides: Partial<OffsetReport> = {}): OffsetReport {
  return {
    version: 1,
    kind: 'job',
    cluster: 'prod',
    job: 'orders-replay',
    groupId: 'orders-replay-group',
    checkpointId: 42,
    checkpointTakenAt: 1_700_000_000_000,
    takenAt: 1_700_000_060_000,
    sluiceVersion: '0.1.0',
    partitions: [
      {
        topic: 'orders',
        partition: 0,
        checkpointedOffset: 120,
        committedOffset: 118,
        logStartOffset: 0,
        logEndOffset: 150,
        lag: 30,
        timestampAtOffset: 1_699_999_990_000,
      },
      {
        topic: 'orders',
        partition: 1,
        checkpointedOffset: 75,
        committedOffset: 75,
        logStartOffset: 10,
        logEndOffset: 75,
        lag: 0,
        timestampAtOffset: null,
      },
      {
        topic: 'orders',
        partition: 2,
        checkpointedOffset: null,
        committedOffset: null,
        logStartOffset: 0,
        logEndOffset: 9,
        lag: null,
        timestampAtOffset: null,
      },
    ],
    ...overrides,
  };
}
