// How a browsed record is shown: values that parse as JSON are pretty-printed, everything else is
// shown as it came; a one-line preview for the list.
import type { BrowsedRecord } from '../../../../main/ipc/contract';

export interface ShownValue {
  text: string;
  json: boolean;
}

export function showValue(value: string | null): ShownValue {
  if (value === null) return { text: 'null', json: false };
  const trimmed = value.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return { text: JSON.stringify(JSON.parse(trimmed), null, 2), json: true };
    } catch {
      // Not JSON after all: show it as text.
    }
  }
  return { text: value, json: false };
}

/** First `max` characters on one line, for the record list. */
export function preview(value: string | null, max = 160): string {
  if (value === null) return 'null';
  const line = value.replace(/\s+/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function recordKey(record: Pick<BrowsedRecord, 'partition' | 'offset'>): string {
  return `${record.partition}/${record.offset}`;
}
