import { SluiceError, type SluiceErrorOptions } from './sluice-error.js';

/** Which step could not handle the record: decoding a field, evaluating an expression, or encoding with a sink schema. */
export type RecordStage =
  'key' | 'value' | 'transform.filter' | 'transform.map' | 'sink.keySchema' | 'sink.valueSchema';

export interface RecordPosition {
  topic: string;
  partition: number;
  offset: number;
}

/**
 * One record the job cannot process while the record itself is intact: its key or value is not in
 * the job's format, or a transform failed on it. The job's `onDecodeError` policy decides whether it
 * fails the job, is skipped, or goes to the dead-letter target.
 */
export class RecordError extends SluiceError {
  readonly position: RecordPosition;
  readonly stage: RecordStage;

  constructor(
    message: string,
    position: RecordPosition,
    stage: RecordStage,
    options: Omit<SluiceErrorOptions, 'details'> & { details?: Record<string, unknown> } = {},
  ) {
    // Only the position: a record or transform input passed here must not carry its payload along.
    const { topic, partition, offset } = position;
    super(message, {
      retriable: false,
      hintId: 'record-undecodable',
      ...options,
      details: { topic, partition, offset, stage, ...options.details },
    });
    this.position = { topic, partition, offset };
    this.stage = stage;
  }
}
