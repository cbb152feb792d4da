/** What a typed record timestamp may be, for messages that say what was expected. */
export const TIMESTAMP_TEXT_EXPECTED = 'expected epoch milliseconds or an ISO date such as 2026-12-06T14:00:00Z';

/** Epoch milliseconds, or an ISO date-time such as 2026-12-06T14:00:00.250Z; undefined for anything else. */
export function parseTimestampText(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const ms = Date.parse(trimmed);
  return /^\d{4}-\d{2}-\d{2}T/.test(trimmed) && Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}
