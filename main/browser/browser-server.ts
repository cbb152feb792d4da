import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Dispatch } from '../ipc/dispatcher';
import type { EventHub } from '../ipc/event-outlet';
import { tokenMatches } from './access-token';
import { serveConnection } from './browser-connection';
import { API_PATH, MAX_MESSAGE_BYTES } from './wire-protocol';

export interface BrowserServerOptions {
  /** The built renderer (out/renderer). */
  rendererDir: string;
  dispatch: Dispatch;
  hub: EventHub;
  token: string;
  /** 0 picks a free port. */
  port?: number;
  /** Default: MAX_MESSAGE_BYTES, what the IPC contract's largest call needs. */
  maxMessageBytes?: number;
  /** Connection problems (a protocol error closed a socket); default: console.warn. */
  log?: (line: string) => void;
}

export interface BrowserServer {
  port: number;
  /** The address to open, with the token in the fragment (never sent over HTTP, so never logged). */
  url: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

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
  const maxMessageBytes = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
  const log = options.log ?? ((line: string) => console.warn(line));
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  const server = createServer((req, res) => {
    serveStatic(options.rendererDir, origin(), req, res).catch((error: unknown) => {
      log(`Sluice: a request for ${JSON.stringify(req.url)} failed: ${(error as Error).message}`);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  const origin = () => `http://${HOST}:${(server.address() as AddressInfo).port}`;

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // After 'upgrade' Node leaves the socket without an error listener: a reset would end the process.
    socket.on('error', () => socket.destroy());
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const url = parseUrl(req.url, origin());
    if (!url) return refuse(400, 'Bad Request');
    if (url.pathname !== API_PATH) return refuse(404, 'Not Found');
    if (req.headers.host !== new URL(origin()).host || req.headers.origin !== origin()) return refuse(403, 'Forbidden');
    if (!tokenMatches(options.token, url.searchParams.get('token'))) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) =>
      serveConnection(ws, { dispatch: options.dispatch, hub: options.hub, maxMessageBytes, log }),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  server.removeAllListeners('error');
  // Once listening (accept failing on EMFILE…), a server error is logged, not fatal.
  server.on('error', (error) => log(`Sluice: the console server: ${error.message}`));
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

/** The request target as a URL, or undefined when it is not one (`//[`, …). */
function parseUrl(target: string | undefined, origin: string): URL | undefined {
  try {
    return new URL(target ?? '/', origin);
  } catch {
    return undefined;
  }
}

/** A percent-decoded path, or undefined when the escapes are malformed (`/%`, a cut UTF-8 sequence). */
function decodePath(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
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
  const url = parseUrl(req.url, origin);
  const pathname = url && decodePath(url.pathname);
  if (pathname === undefined) {
    res.writeHead(400, headers).end();
    return;
  }
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
  else {
    // A file removed or unreadable between stat and read: end this response, not the process.
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  }
}
