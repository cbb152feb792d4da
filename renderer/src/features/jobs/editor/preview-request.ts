// The transform preview's request from the draft, and how its rows read on screen.
import type { InvokeChannels, PreviewRow } from '../../../../../main/ipc/contract';
import { getAt, plain, type Draft } from './spec-draft';

export type PreviewRequest = InvokeChannels['jobs:preview']['args'];

/** The source's cluster, topics or pattern, formats and isolation, the transform, and how many records. */
export function previewRequest(draft: Draft, limit: number): PreviewRequest {
  const request: Record<string, unknown> = { cluster: plain(getAt(draft, 'source.cluster')), limit };
  for (const key of ['topics', 'topicPattern', 'isolationLevel', 'keyFormat', 'valueFormat']) {
    const value = getAt(draft, `source.${key}`);
    if (value !== undefined) request[key] = plain(value);
  }
  const transform = getAt(draft, 'transform');
  if (transform !== undefined) request['transform'] = plain(transform);
  return request as PreviewRequest;
}

/** A decoded key or value as one line of text: strings as they are, the rest as JSON. */
export function showValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Splits an expression at the character JSONata names (1-based), to mark it. */
export function markPosition(expression: string, position: number): { before: string; at: string; after: string } {
  const index = Math.min(Math.max(position - 1, 0), expression.length);
  return {
    before: expression.slice(0, index),
    at: expression.slice(index, index + 1),
    after: expression.slice(index + 1),
  };
}

/** What changed between before and after, as short text: "value", "key, timestamp". */
export function changedFields(row: PreviewRow): string {
  if (!row.after) return '';
  const keys = ['key', 'value', 'headers', 'timestamp'] as const;
  return keys.filter((k) => JSON.stringify(row.before[k]) !== JSON.stringify(row.after?.[k])).join(', ');
}
