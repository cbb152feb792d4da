import type { WebSocket } from 'ws';
import type { Dispatch } from '../ipc/dispatcher';
import { EventOutlet, type EventHub } from '../ipc/event-outlet';
import { clientMessageSchema, type ServerMessage } from './wire-protocol';

/** What to do with one incoming message: answer it, or close the socket with a code and reason. */
export type MessageOutcome =
  | { kind: 'reply'; message: ServerMessage & { type: 'reply' } }
  | { kind: 'ready' }
  | { kind: 'close'; code: number; reason: string };

/**
 * One WebSocket message in, one outcome out; never throws and never rejects, whatever arrives
 * (binary, not JSON, not an envelope, a handler that throws a non-Error, a result JSON cannot hold).
 */
export async function handleClientMessage(
  data: Buffer | ArrayBuffer | Buffer[],
  isBinary: boolean,
  dispatch: Dispatch,
): Promise<MessageOutcome> {
  if (isBinary) return { kind: 'close', code: 1003, reason: 'text messages only' };
  const text = Array.isArray(data) ? Buffer.concat(data).toString() : Buffer.from(data as ArrayBuffer).toString();
  let parsed;
  try {
    parsed = clientMessageSchema.safeParse(JSON.parse(text));
  } catch {
    return { kind: 'close', code: 1007, reason: 'not JSON' };
  }
  if (!parsed.success) return { kind: 'close', code: 1007, reason: 'not a Sluice API message' };
  const message = parsed.data;
  if (message.type === 'ready') return { kind: 'ready' };
  let reply: unknown;
  try {
    reply = await dispatch(message.channel, message.args);
    JSON.stringify(reply);
  } catch (error) {
    reply = { error: { name: 'InternalError', message: `${message.channel}: ${describe(error)}` } };
  }
  return { kind: 'reply', message: { type: 'reply', id: message.id, reply } };
}

function describe(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'the call failed with a value that cannot be shown';
  }
}

/** The close code ws sends for each receiver error (RFC 6455 §7.4.1). */
const CLOSE_CODES: Record<string, number> = { WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: 1009, WS_ERR_INVALID_UTF8: 1007 };

export interface ConnectionOptions {
  dispatch: Dispatch;
  hub: EventHub;
  maxMessageBytes: number;
  log: (line: string) => void;
}

/** Serves one browser connection: calls to the dispatcher, events from the hub. */
export function serveConnection(ws: WebSocket, { dispatch, hub, maxMessageBytes, log }: ConnectionOptions): void {
  const send = (message: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const outlet = new EventOutlet((channel, payload) => send({ type: 'event', channel, payload }));
  const disconnect = hub.connect(outlet);
  ws.on('close', disconnect);
  // Protocol errors (oversize or invalid UTF-8 frames…): ws has already sent the close code
  // (1009, 1007, 1002); without this listener the error would end the process.
  ws.on('error', (error: Error & { code?: string }) => {
    const code = CLOSE_CODES[error.code ?? ''] ?? 1002;
    const limit = code === 1009 ? `; a message may hold at most ${maxMessageBytes} bytes` : '';
    log(`Sluice: closed a console connection with code ${code}: ${error.message}${limit}`);
  });
  ws.on('message', (data, isBinary) => {
    void handleClientMessage(data, isBinary, dispatch).then((outcome) => {
      if (outcome.kind === 'close') ws.close(outcome.code, outcome.reason);
      else if (outcome.kind === 'ready') outlet.ready();
      else send(outcome.message);
    });
  });
}
