import type { CompressionName } from '../../../../engine/codecs/compression-names';
import type { DecodeErrorPolicy, RecordFormat } from '../../../../engine/spec/index';
import type { JobSpec } from '../../../../main/ipc/contract';

/** The form's flat fields for the common shapes of a job; the job spec schema judges the result. */
export interface JobFormModel {
  name: string;
  description: string;
  cluster: string;
  topics: string;
  groupId: string;
  startMode: 'earliest' | 'latest' | 'timestamp' | 'group-offsets';
  startTimestamp: string;
  keyFormat: RecordFormat;
  valueFormat: RecordFormat;
  onDecodeError: DecodeErrorPolicy;
  /** The dead-letter topic (on the source's cluster); a file target is kept from an imported spec. */
  deadLetterTopic: string;
  sinkType: 'kafka' | 'file' | 'none';
  sinkTopic: string;
  sinkPath: string;
  deliveryGuarantee: 'none' | 'at-least-once' | 'exactly-once';
  transactionalIdPrefix: string;
  compression: CompressionName;
  filter: string;
  checkpointIntervalMs: string;
}

export function emptyJobForm(cluster = ''): JobFormModel {
  return {
    name: '',
    description: '',
    cluster,
    topics: '',
    groupId: '',
    startMode: 'earliest',
    startTimestamp: '',
    keyFormat: 'string',
    valueFormat: 'string',
    onDecodeError: 'fail',
    deadLetterTopic: '',
    sinkType: 'kafka',
    sinkTopic: '',
    sinkPath: '',
    deliveryGuarantee: 'at-least-once',
    transactionalIdPrefix: '',
    compression: 'none',
    filter: '',
    checkpointIntervalMs: '5000',
  };
}

export function formFromSpec(spec: JobSpec): JobFormModel {
  const form = emptyJobForm('profile' in spec.source.cluster ? spec.source.cluster.profile : '');
  form.name = spec.name;
  form.description = spec.description ?? '';
  form.topics = (spec.source.topics ?? []).join(', ');
  form.groupId = spec.source.groupId;
  if (spec.source.startFrom.mode !== 'specific-offsets') form.startMode = spec.source.startFrom.mode;
  if (spec.source.startFrom.mode === 'timestamp') form.startTimestamp = String(spec.source.startFrom.timestamp);
  form.keyFormat = spec.source.keyFormat;
  form.valueFormat = spec.source.valueFormat;
  form.onDecodeError = spec.source.onDecodeError;
  if (spec.source.deadLetter?.type === 'kafka') form.deadLetterTopic = spec.source.deadLetter.topic;
  form.sinkType = spec.sink.type;
  if (spec.sink.type === 'kafka') {
    form.sinkTopic = spec.sink.topic;
    form.deliveryGuarantee = spec.sink.deliveryGuarantee;
    form.transactionalIdPrefix = spec.sink.transactionalIdPrefix ?? '';
    form.compression = spec.sink.compression;
  }
  if (spec.sink.type === 'file') form.sinkPath = spec.sink.path;
  form.filter = spec.transform?.filter ?? '';
  form.checkpointIntervalMs = String(spec.checkpoint.intervalMs);
  return form;
}

const num = (text: string): number | string =>
  text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;

/**
 * The spec as the schema sees it. Starting from `base` (the spec being edited) keeps everything
 * the form does not show (stopAt, map, restart, formats...) as it was.
 */
export function specFromForm(form: JobFormModel, base?: JobSpec): Record<string, unknown> {
  const b = (base ?? {}) as Record<string, unknown> & Partial<JobSpec>;
  const startFrom =
    form.startMode === 'timestamp'
      ? { mode: 'timestamp', timestamp: num(form.startTimestamp) }
      : form.startMode === 'group-offsets'
        ? { mode: 'group-offsets', fallback: 'earliest' }
        : { mode: form.startMode };
  const sinkBase = b.sink?.type === form.sinkType ? b.sink : {};
  const sink =
    form.sinkType === 'kafka'
      ? {
          ...sinkBase,
          type: 'kafka',
          topic: form.sinkTopic.trim(),
          deliveryGuarantee: form.deliveryGuarantee,
          compression: form.compression,
          ...(form.transactionalIdPrefix.trim() ? { transactionalIdPrefix: form.transactionalIdPrefix.trim() } : {}),
        }
      : form.sinkType === 'file'
        ? { type: 'file', path: form.sinkPath.trim() }
        : { type: 'none' };
  const transform = { ...(b.transform ?? {}) } as Record<string, unknown>;
  if (form.filter.trim()) transform['filter'] = form.filter.trim();
  else delete transform['filter'];
  const spec: Record<string, unknown> = {
    ...b,
    version: 1,
    name: form.name.trim(),
    source: {
      ...(b.source ?? {}),
      cluster: { profile: form.cluster },
      topics: form.topics
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t !== ''),
      groupId: form.groupId.trim(),
      startFrom,
      keyFormat: form.keyFormat,
      valueFormat: form.valueFormat,
      onDecodeError: form.onDecodeError,
    },
    sink,
    checkpoint: { ...(b.checkpoint ?? {}), intervalMs: num(form.checkpointIntervalMs) },
  };
  const source = spec['source'] as Record<string, unknown>;
  delete source['deadLetter'];
  if (form.onDecodeError === 'dead-letter') {
    // A file target from an imported spec stays; the form edits a topic target.
    const kept =
      b.source?.deadLetter?.type === 'file' && !form.deadLetterTopic.trim() ? b.source.deadLetter : undefined;
    source['deadLetter'] = kept ?? { type: 'kafka', topic: form.deadLetterTopic.trim() };
  }
  delete spec['description'];
  delete spec['transform'];
  if (form.description.trim()) spec['description'] = form.description.trim();
  if (Object.keys(transform).length > 0) spec['transform'] = transform;
  return spec;
}
