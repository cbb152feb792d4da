// How a text input shows a spec value and turns what was typed back into one. What does not read
// as the expected type stays as typed, so the schema can name it beside the field.

export interface FieldCodec {
  toText(value: unknown): string;
  /** `undefined` leaves the key out of the spec (the schema's default applies). */
  fromText(text: string): unknown;
}

const show = (value: unknown): string =>
  value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);

/** Text; an empty input leaves an optional key out. */
export const optionalText: FieldCodec = {
  toText: show,
  fromText: (text) => (text === '' ? undefined : text),
};

/** Text the spec requires: an empty input stays "" so the schema says what is missing. */
export const requiredText: FieldCodec = { toText: show, fromText: (text) => text };

/** A number; empty leaves the key out. */
export const numberText: FieldCodec = {
  toText: show,
  fromText: (text) => {
    if (text.trim() === '') return undefined;
    const n = Number(text);
    return Number.isFinite(n) ? n : text;
  },
};

/** A comma-separated list (topics, bootstrap servers); never absent, so an empty one is named. */
export const listText: FieldCodec = {
  toText: (value) => (Array.isArray(value) ? value.map(show).join(', ') : show(value)),
  fromText: (text) =>
    text
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== ''),
};

/**
 * Milliseconds since epoch, or a date typed as ISO 8601 (`2026-12-01T14:00:00Z`), which becomes
 * milliseconds; the spec always holds milliseconds.
 */
export const timestampText: FieldCodec = {
  toText: show,
  fromText: (text) => {
    const trimmed = text.trim();
    if (trimmed === '') return undefined;
    if (/^\d+$/.test(trimmed)) return Number(trimmed);
    if (/^\d{4}-\d{2}-\d{2}/.test(trimmed)) {
      const ms = Date.parse(trimmed);
      if (Number.isFinite(ms)) return ms;
    }
    return text;
  },
};

/** A timestamp in milliseconds as UTC, for the hint beside the field. */
export function describeTimestamp(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) return undefined;
  return `${new Date(value).toISOString().replace('.000Z', 'Z')} (UTC)`;
}
