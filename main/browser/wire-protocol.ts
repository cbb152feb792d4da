import { z } from 'zod';
import { MAX_REPORT_TEXT_CHARS } from '../services/reports/report-args';

// Messages on the browser-mode WebSocket. The calls inside are checked by the shared dispatcher
// against the IPC contract; this only checks the envelope.

export const clientMessageSchema = z.discriminatedUnion('type', [
  z
    .object({ type: z.literal('invoke'), id: z.number().int(), channel: z.string(), args: z.unknown().optional() })
    .strict(),
  z.object({ type: z.literal('ready') }).strict(),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

export type ServerMessage =
  { type: 'reply'; id: number; reply: unknown } | { type: 'event'; channel: string; payload: unknown };

/** The WebSocket's path; the page is served from everything else. */
export const API_PATH = '/api';

/** JSON in UTF-8 spends at most 6 bytes on one UTF-16 code unit (`\u0001`, a lone surrogate). */
const MAX_JSON_BYTES_PER_CHAR = 6;
/** The envelope, the channel, a file name and the other arguments beside the text. */
const ENVELOPE_ALLOWANCE_BYTES = 1024 * 1024;

/**
 * The largest message the server accepts: the contract's largest argument (a report import's text
 * at its limit, every character at its worst JSON size) plus the envelope around it.
 */
export const MAX_MESSAGE_BYTES = MAX_REPORT_TEXT_CHARS * MAX_JSON_BYTES_PER_CHAR + ENVELOPE_ALLOWANCE_BYTES;
