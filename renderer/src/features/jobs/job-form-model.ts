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
  sinkType: 'kafka' | 'file' | 'none';
  sinkTopic: string;
  sinkPath: string;
  deliveryGuarantee: 'none' | 'at-least-once' | 'exactly-once';
  transactionalIdPrefix: string;
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
    sinkType: 'kafka',
    sinkTopic: '',
    sinkPath: '',
    deliveryGuarantee: 'at-least-once',
    transactionalIdPrefix: '',
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
  form.sinkType = spec.sink.type;
  if (spec.sink.type === 'kafka') {
    form.sinkTopic = spec.sink.topic;
    form.deliveryGuarantee = spec.sink.deliveryGuarantee;
    form.transactionalIdPrefix = spec.sink.transactionalIdPrefix ?? '';
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
    },
    sink,
    checkpoint: { ...(b.checkpoint ?? {}), intervalMs: num(form.checkpointIntervalMs) },
  };
  delete spec['description'];
  delete spec['transform'];
  if (form.description.trim()) spec['description'] = form.description.trim();
  if (Object.keys(transform).length > 0) spec['transform'] = transform;
  return spec;
}
