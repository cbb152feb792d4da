import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { EventHub } from '../ipc/event-outlet';
import { tokenMatches } from './access-token';
import { startBrowserServer, type BrowserServer } from './browser-server';

let server: BrowserServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(hub = new EventHub()) {
  const root = await mkdtemp(join(tmpdir(), 'sluice-renderer-'));
  await mkdir(join(root, 'assets'));
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Sluice</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  server = await startBrowserServer({
    rendererDir: root,
    hub,
    token: 'right-token',
    dispatch: async (channel, args) => ({ result: { channel, args } }),
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

describe('tokenMatches', () => {
  it('matches only the exact token', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abc', 'abcd')).toBe(false);
    expect(tokenMatches('abc', null)).toBe(false);
  });
});
