import {
  groupResetRequestSchema,
  parseOffsetLines,
  type GroupResetInput,
} from '../../../../engine/groups/reset-request';
import { parseWith } from '../../../../engine/spec/validation';
import { fieldErrors } from '../../lib/field-errors';

/** The reset panel's fields as typed; the request schema judges what they make. */
export interface ResetForm {
  mode: 'earliest' | 'latest' | 'timestamp' | 'specific' | 'checkpoint';
  /** `datetime-local` value, read as local time. */
  timestamp: string;
  /** `topic,partition,offset` lines. */
  offsetsText: string;
  job: string;
  /** A checkpoint id, or '' for the job's latest. */
  checkpointId: string;
  /** Only these topics; none chosen means the group's committed topics. */
  topics: string[];
  clamp: boolean;
}

export function emptyResetForm(): ResetForm {
  return { mode: 'earliest', timestamp: '', offsetsText: '', job: '', checkpointId: '', topics: [], clamp: false };
}

export type FormResult = { ok: true; request: GroupResetInput } | { ok: false; errors: Record<string, string> };

/** The request the form describes, or its problems keyed by the schema's paths (`to.timestamp`, `topics`). */
export function requestFromForm(groupId: string, form: ResetForm): FormResult {
  let to: unknown;
  switch (form.mode) {
    case 'earliest':
    case 'latest':
      to = { kind: form.mode };
      break;
    case 'timestamp': {
      const at = form.timestamp === '' ? Number.NaN : new Date(form.timestamp).getTime();
      if (!Number.isFinite(at))
        return { ok: false, errors: { 'to.timestamp': 'Choose the date and time to reset to.' } };
      to = { kind: 'timestamp', timestamp: at };
      break;
    }
    case 'specific': {
      const lines = parseOffsetLines(form.offsetsText);
      if (!lines.ok) return { ok: false, errors: { 'to.offsets': lines.problems.join('; ') } };
      to = { kind: 'specific', offsets: lines.offsets };
      break;
    }
    case 'checkpoint':
      to = {
        kind: 'checkpoint',
        job: form.job,
        ...(form.checkpointId === '' ? {} : { checkpointId: Number(form.checkpointId) }),
      };
      break;
  }
  const parsed = parseWith(groupResetRequestSchema, {
    groupId,
    to,
    ...(form.topics.length > 0 ? { topics: form.topics } : {}),
    outOfRange: form.clamp ? 'clamp' : 'refuse',
  });
  return parsed.ok ? { ok: true, request: parsed.value } : { ok: false, errors: fieldErrors(parsed.problems) };
}

/** Committed offsets as editable `topic,partition,offset` lines, a start for a specific reset. */
export function offsetLines(
  partitions: readonly { topic: string; partition: number; committedOffset: number | null }[],
): string {
  return partitions
    .filter((p) => p.committedOffset !== null)
    .map((p) => `${p.topic},${p.partition},${p.committedOffset}`)
    .join('\n');
}
