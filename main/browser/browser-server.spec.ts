import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { connect as tcpConnect } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { EventHub } from '../ipc/event-outlet';
import { tokenMatches } from './access-token';
import { startBrowserServer, type BrowserServer, type BrowserServerOptions } from './browser-server';

let server: BrowserServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(hub = new EventHub(), extra: Partial<BrowserServerOptions> = {}) {
  const root = await mkdtemp(join(tmpdir(), 'sluice-renderer-'));
  await mkdir(join(root, 'assets'));
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Sluice</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  server = await startBrowserServer({
    rendererDir: root,
    hub,
    token: 'right-token',
    dispatch: async (channel, args) => ({ result: { channel, args } }),
    ...extra,
  });
  return { server, hub, origin: `http://127.0.0.1:${server.port}` };
}

function connect(url: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

const next = (ws: WebSocket) =>
  new Promise<Record<string, unknown>>((resolve) => ws.once('message', (d) => resolve(JSON.parse(d.toString()))));

describe('browser server', () => {
  it('serves the renderer on loopback with a CSP, and nothing outside it', async () => {
    const { origin, server } = await start();
    expect(server.url).toBe(`${origin}/#token=right-token`);
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain(`connect-src ws://127.0.0.1:${server.port}`);
    expect((await fetch(`${origin}/assets/app.js`)).headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${origin}/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
    expect((await fetch(`${origin}/`, { method: 'POST' })).status).toBe(405);
  });

  it('refuses a wrong or missing token and a foreign Origin', async () => {
    const { origin, server } = await start();
    const api = `ws://127.0.0.1:${server.port}/api`;
    await expect(connect(`${api}?token=wrong`, origin)).rejects.toThrow('HTTP 401');
    await expect(connect(api, origin)).rejects.toThrow('HTTP 401');
    await expect(connect(`${api}?token=right-token`, 'https://evil.example')).rejects.toThrow('HTTP 403');
  });

  it('dispatches calls and queues events until the page reports ready', async () => {
    const { origin, server, hub } = await start();
    const ws = await connect(`ws://127.0.0.1:${server.port}/api?token=right-token`, origin);
    hub.emit('app:notice', { level: 'info', message: 'early' });
    ws.send(JSON.stringify({ type: 'invoke', id: 7, channel: 'jobs:list', args: undefined }));
    expect(await next(ws)).toEqual({ type: 'reply', id: 7, reply: { result: { channel: 'jobs:list' } } });
    const event = next(ws);
    ws.send(JSON.stringify({ type: 'ready' }));
    expect(await event).toEqual({ type: 'event', channel: 'app:notice', payload: { level: 'info', message: 'early' } });
    ws.close();
  });
});

/** One raw HTTP/1.1 exchange, so paths reach the server exactly as written (no client normalizing). */
function raw(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(port, '127.0.0.1', () => socket.write(`${head}\r\nHost: 127.0.0.1:${port}\r\n\r\n`));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('end', () => resolve(text.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
    socket.setTimeout(5_000, () => socket.destroy(new Error(`no answer to ${head}`)));
  });
}

describe('browser server, malformed requests', () => {
  it('answers 400 to a malformed path, with or without a token, and keeps serving', async () => {
    const { server, origin } = await start();
    expect(await raw(server.port, 'GET /% HTTP/1.1\r\nConnection: close')).toBe('HTTP/1.1 400 Bad Request');
    expect(await raw(server.port, 'GET //[ HTTP/1.1\r\nConnection: close')).toBe('HTTP/1.1 400 Bad Request');
    expect(await raw(server.port, 'GET /assets/%E0%A4%A HTTP/1.1\r\nConnection: close')).toBe(
      'HTTP/1.1 400 Bad Request',
    );
    const upgrade = (path: string) =>
      raw(
        server.port,
        `GET ${path} HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n` +
          `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: ${origin}`,
      );
    expect(await upgrade('//[')).toBe('HTTP/1.1 400 Bad Request');
    expect(await upgrade('/api?token=%')).toBe('HTTP/1.1 401 Unauthorized');
    expect((await fetch(`${origin}/`)).status).toBe(200);
  });
});

function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

describe('browser server, WebSocket protocol errors', () => {
  const api = (port: number) => `ws://127.0.0.1:${port}/api?token=right-token`;

  it('carries a report-import call over 4 MiB (the contract allows 64 MiB of report text)', async () => {
    const { origin, server } = await start();
    const ws = await connect(api(server.port), origin);
    const text = 'topic,partition,offset\n'.padEnd(5 * 1024 * 1024, 'x');
    ws.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'reports:parse', args: { fileName: 'r.csv', text } }));
    const reply = await next(ws);
    expect(reply).toMatchObject({ type: 'reply', id: 1, reply: { result: { channel: 'reports:parse' } } });
    ws.close();
  });

  it('closes an oversize message with 1009 and a logged reason, and keeps serving', async () => {
    const log: string[] = [];
    const { origin, server } = await start(new EventHub(), { maxMessageBytes: 1024, log: (line) => log.push(line) });
    const ws = await connect(api(server.port), origin);
    const gone = closed(ws);
    ws.on('error', () => undefined);
    ws.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'jobs:list', args: 'x'.repeat(2048) }));
    expect((await gone).code).toBe(1009);
    expect(log.join('\n')).toMatch(/closed.*1009.*1024 bytes/);
    const again = await connect(api(server.port), origin);
    again.send(JSON.stringify({ type: 'invoke', id: 2, channel: 'jobs:list' }));
    expect(await next(again)).toMatchObject({ id: 2 });
    again.close();
  });

  it('closes a text frame of invalid UTF-8 with 1007, and keeps serving', async () => {
    const { origin, server } = await start(new EventHub(), { log: () => undefined });
    const ws = await connect(api(server.port), origin);
    const gone = closed(ws);
    ws.on('error', () => undefined);
    ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect((await gone).code).toBe(1007);
    const again = await connect(api(server.port), origin);
    again.send(JSON.stringify({ type: 'invoke', id: 3, channel: 'jobs:list' }));
    expect(await next(again)).toMatchObject({ id: 3 });
    again.close();
  });
});

describe('tokenMatches', () => {
  it('matches only the exact token', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abc', 'abcd')).toBe(false);
    expect(tokenMatches('abc', null)).toBe(false);
  });
});
