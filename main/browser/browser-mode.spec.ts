import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserMode, type BrowserMode } from './browser-mode';

let mode: BrowserMode | undefined;
afterEach(async () => {
  await mode?.close();
  mode = undefined;
});

describe('browser mode, end to end over a real WebSocket', () => {
  it('imports a report over 4 MiB through reports:parse', async () => {
    const root = await mkdtemp(join(tmpdir(), 'sluice-mode-'));
    await mkdir(join(root, 'renderer'));
    await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html>');
    mode = await startBrowserMode({ rendererDir: join(root, 'renderer'), dataDir: join(root, 'data') });
    const origin = `http://127.0.0.1:${mode.server.port}`;
    const ws = new WebSocket(`ws://127.0.0.1:${mode.server.port}/api?token=${mode.token}`, { origin });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const lines: string[] = [];
    for (let partition = 0; Buffer.byteLength(lines.join('')) < 5 * 1024 * 1024; partition += 1) {
      lines.push(
        ...Array.from({ length: 1000 }, (_, i) => `${'orders-'.padEnd(240, 'x')}-${partition},${i},${1_000_000 + i}\n`),
      );
    }
    const text = lines.join('');
    expect(text.length).toBeGreaterThan(4 * 1024 * 1024);
    const reply = new Promise<{ id: number; reply: { result?: { offsets: unknown[] }; error?: unknown } }>(
      (resolve, reject) => {
        ws.once('message', (data) => resolve(JSON.parse(data.toString())));
        ws.once('close', (code) => reject(new Error(`closed with ${code}`)));
      },
    );
    ws.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'reports:parse', args: { fileName: 'big.csv', text } }));
    const answer = await reply;
    expect(answer.reply.error).toBeUndefined();
    expect(answer.reply.result?.offsets).toHaveLength(lines.length);
    ws.close();
  }, 30_000);
});
