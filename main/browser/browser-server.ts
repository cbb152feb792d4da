import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Dispatch } from '../ipc/dispatcher';
import { EventOutlet, type EventHub } from '../ipc/event-outlet';
import { tokenMatches } from './access-token';
import { API_PATH, clientMessageSchema, type ServerMessage } from './wire-protocol';

export interface BrowserServerOptions {
  /** The built renderer (out/renderer). */
  rendererDir: string;
  dispatch: Dispatch;
  hub: EventHub;
  token: string;
  /** 0 picks a free port. */
  port?: number;
}

export interface BrowserServer {
  port: number;
  /** The address to open, with the token in the fragment (never sent over HTTP, so never logged). */
  url: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Browser mode: the console served on loopback, its API on a WebSocket. Every upgrade must come
 * from our own page (Origin and Host checked, against DNS rebinding and other sites) and carry
 * this launch's token; everything else is refused before a socket is opened.
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const server = createServer((req, res) => void serveStatic(options.rendererDir, origin(), req, res));
  const origin = () => `http://${HOST}:${(server.address() as AddressInfo).port}`;

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', origin());
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== API_PATH) return refuse(404, 'Not Found');
    if (req.headers.host !== new URL(origin()).host || req.headers.origin !== origin()) return refuse(403, 'Forbidden');
    if (!tokenMatches(options.token, url.searchParams.get('token'))) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => serveConnection(ws, options));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `${origin()}/#token=${options.token}`,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function serveConnection(ws: WebSocket, options: BrowserServerOptions): void {
  const send = (message: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const outlet = new EventOutlet((channel, payload) => send({ type: 'event', channel, payload }));
  const disconnect = options.hub.connect(outlet);
  ws.on('close', disconnect);
  ws.on('message', (data, isBinary) => {
    if (isBinary) return ws.close(1003, 'text messages only');
    let message;
    try {
      message = clientMessageSchema.parse(JSON.parse(data.toString()));
    } catch {
      return ws.close(1007, 'not a Sluice API message');
    }
    if (message.type === 'ready') return outlet.ready();
    const { id, channel, args } = message;
    void options.dispatch(channel, args).then((reply) => send({ type: 'reply', id, reply }));
  });
}

async function serveStatic(root: string, origin: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Content-Security-Policy': [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self'",
      `connect-src ${origin.replace('http:', 'ws:')}`,
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
  };
  if (req.headers.host !== new URL(origin).host) {
    res.writeHead(403, headers).end();
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, headers).end();
    return;
  }
  const pathname = decodeURIComponent(new URL(req.url ?? '/', origin).pathname);
  const file = normalize(join(root, pathname === '/' ? 'index.html' : pathname));
  if (!file.startsWith(normalize(root) + sep)) {
    res.writeHead(404, headers).end();
    return;
  }
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a file');
  } catch {
    res.writeHead(404, headers).end();
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}
