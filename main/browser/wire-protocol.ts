import { z } from 'zod';

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
