// How a browsed record is shown: text that parses as JSON is pretty-printed, other text as it came,
// bytes that are not UTF-8 as hex or base64 (never as mangled text); a one-line preview for the list.
import type { BrowsedBytes, BrowsedRecord } from '../../../../main/ipc/contract';

/** How the detail shows bytes; `text` only exists for bytes that are UTF-8. */
export type BytesView = 'text' | 'hex' | 'base64';
export const BYTES_VIEWS: readonly BytesView[] = ['text', 'hex', 'base64'];

export interface ShownValue {
  text: string;
  json: boolean;
}

/** Hex shows at most this many bytes; the rest is one click away in base64 or a copy. */
export const HEX_LIMIT = 64 * 1024;

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

/** The view to start with: text when every payload of the record is text, else hex. */
export function defaultView(record: Pick<BrowsedRecord, 'key' | 'value' | 'headers'>): BytesView {
  const payloads = [record.key, record.value, ...record.headers.map(([, v]) => v)];
  return payloads.every((p) => p === null || p.text !== null) ? 'text' : 'hex';
}

/** Bytes in the chosen view; text that is not UTF-8 falls back to hex. */
export function showBytes(bytes: BrowsedBytes, view: BytesView): ShownValue {
  if (view === 'base64') return { text: bytes.base64, json: false };
  if (view === 'text' && bytes.text !== null) return showValue(bytes.text);
  return { text: hexOf(bytes.base64, HEX_LIMIT), json: false };
}

/** `0a ff 00 …`, at most `limit` bytes, then how many more there are. */
export function hexOf(base64: string, limit = Infinity): string {
  const binary = atob(base64);
  const shown = Math.min(binary.length, limit);
  let out = '';
  for (let i = 0; i < shown; i++) {
    out += (i === 0 ? '' : i % 16 === 0 ? '\n' : ' ') + binary.charCodeAt(i).toString(16).padStart(2, '0');
  }
  return shown < binary.length ? `${out}\n… ${binary.length - shown} more bytes` : out;
}

/** One line for the list: text folded and cut, binary as a hex start with its size. */
export function preview(bytes: BrowsedBytes | null, max = 160): string {
  if (bytes === null) return '';
  if (bytes.text === null) return `binary, ${bytes.size} B: ${hexOf(bytes.base64, 24).replace(/\n/g, ' ')}`;
  const line = bytes.text.replace(/\s+/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function recordKey(record: Pick<BrowsedRecord, 'partition' | 'offset'>): string {
  return `${record.partition}/${record.offset}`;
}
