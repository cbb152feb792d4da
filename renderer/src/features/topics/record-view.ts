// How a browsed record is shown: text that parses as JSON is pretty-printed, other text as it came,
// bytes that are not UTF-8 as hex or base64 (never as mangled text); a one-line preview for the list.
import type { BrowsedBytes, BrowsedRecord } from '../../../../main/ipc/contract';

/**
 * How the detail shows bytes; `text` only exists for bytes that are UTF-8, `decoded` for Schema
 * Registry records (decoded in main with the schema their id names).
 */
export type BytesView = 'decoded' | 'text' | 'hex' | 'base64';
export const BYTES_VIEWS: readonly BytesView[] = ['text', 'hex', 'base64'];

const hasDecoded = (bytes: BrowsedBytes | null): boolean => bytes?.decoded !== undefined;

/** The views a record offers: `decoded` first when its key or value is a registry record. */
export function viewsFor(record: Pick<BrowsedRecord, 'key' | 'value'>): readonly BytesView[] {
  return hasDecoded(record.key) || hasDecoded(record.value) ? ['decoded', ...BYTES_VIEWS] : BYTES_VIEWS;
}

/** "orders-value v3 · id 7 · AVRO", or why the payload could not be decoded. */
export function schemaLine(bytes: BrowsedBytes | null): string | undefined {
  const decoded = bytes?.decoded;
  if (!decoded) return undefined;
  if ('error' in decoded) return `not decoded: ${decoded.error}`;
  const { subject, version, id, schemaType } = decoded.schema;
  const where = subject ? `${subject}${version === undefined ? '' : ` v${version}`} · ` : '';
  return `${where}id ${id} · ${schemaType}`;
}

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

/** The view to start with: decoded for registry records, text when every payload is text, else hex. */
export function defaultView(record: Pick<BrowsedRecord, 'key' | 'value' | 'headers'>): BytesView {
  if (hasDecoded(record.key) || hasDecoded(record.value)) return 'decoded';
  const payloads = [record.key, record.value, ...record.headers.map(([, v]) => v)];
  return payloads.every((p) => p === null || p.text !== null) ? 'text' : 'hex';
}

/** Bytes in the chosen view; text that is not UTF-8 falls back to hex. */
export function showBytes(bytes: BrowsedBytes, view: BytesView): ShownValue {
  if (view === 'decoded') {
    const decoded = bytes.decoded;
    if (decoded && 'value' in decoded) return { text: JSON.stringify(decoded.value, null, 2), json: true };
    // Not a registry payload (a plain key beside an Avro value), or not decodable: its own best view.
    return showBytes(bytes, bytes.text === null || decoded ? 'hex' : 'text');
  }
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
  if (bytes.decoded && 'value' in bytes.decoded) return cut(JSON.stringify(bytes.decoded.value), max);
  if (bytes.text === null) return `binary, ${bytes.size} B: ${hexOf(bytes.base64, 24).replace(/\n/g, ' ')}`;
  return cut(bytes.text.replace(/\s+/g, ' '), max);
}

const cut = (line: string, max: number): string => (line.length > max ? `${line.slice(0, max - 1)}…` : line);

export function recordKey(record: Pick<BrowsedRecord, 'partition' | 'offset'>): string {
  return `${record.partition}/${record.offset}`;
}
