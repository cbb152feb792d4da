// Every text input of the editor: the input's name, the spec path it edits, and how it reads.
import { listText, numberText, optionalText, requiredText, timestampText, type FieldCodec } from './field-codecs';

export interface TextField {
  path: string;
  codec: FieldCodec;
}

const field = (path: string, codec: FieldCodec): TextField => ({ path, codec });

export const textFields = {
  name: field('name', requiredText),
  description: field('description', optionalText),
  sourceBootstrap: field('source.cluster.bootstrapServers', listText),
  topics: field('source.topics', listText),
  topicPattern: field('source.topicPattern', requiredText),
  discoveryIntervalMs: field('source.discoveryIntervalMs', numberText),
  groupId: field('source.groupId', requiredText),
  startTimestamp: field('source.startFrom.timestamp', timestampText),
  stopTimestamp: field('source.stopAt.timestamp', timestampText),
  deadLetterTopic: field('source.deadLetter.topic', requiredText),
  deadLetterPath: field('source.deadLetter.path', requiredText),
  filter: field('transform.filter', optionalText),
  map: field('transform.map', optionalText),
  sinkBootstrap: field('sink.cluster.bootstrapServers', listText),
  sinkTopic: field('sink.topic', requiredText),
  sinkPath: field('sink.path', requiredText),
  transactionalIdPrefix: field('sink.transactionalIdPrefix', optionalText),
  transactionTimeoutMs: field('sink.transactionTimeoutMs', numberText),
  retries: field('sink.retries', numberText),
  maxInFlightRequests: field('sink.maxInFlightRequests', numberText),
  checkpointIntervalMs: field('checkpoint.intervalMs', numberText),
  checkpointRetain: field('checkpoint.retain', numberText),
  restartDelayMs: field('restart.delayMs', numberText),
  restartInitialDelayMs: field('restart.initialDelayMs', numberText),
  restartMaxDelayMs: field('restart.maxDelayMs', numberText),
  restartMultiplier: field('restart.multiplier', numberText),
  restartMaxAttempts: field('restart.maxAttempts', numberText),
  memoryMb: field('limits.memoryMb', numberText),
} satisfies Record<string, TextField>;

export type TextFieldName = keyof typeof textFields;

/** One row of a specific-offsets list: topic, partition and offset inputs. */
export const offsetRowFields = {
  topic: requiredText,
  partition: numberText,
  offset: numberText,
} as const;

/** Every path a field of the editor shows its errors beside; the others are listed under the form. */
export const shownPaths: readonly string[] = [
  ...Object.values(textFields).map((f) => f.path),
  'source.cluster',
  'source.startFrom',
  'source.stopAt',
  'source.isolationLevel',
  'source.keyFormat',
  'source.valueFormat',
  'source.onDecodeError',
  'source.deadLetter',
  'sink.type',
  'sink.cluster',
  'sink.key',
  'sink.partitioner',
  'sink.writeTimestamp',
  'sink.deliveryGuarantee',
  'sink.acks',
  'sink.idempotent',
  'sink.compression',
  'checkpoint.commitOffsetsOnCheckpoint',
  'restart.strategy',
];
