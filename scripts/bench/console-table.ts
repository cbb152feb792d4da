// The partition table's cost, measured in Chromium on a harness page (renderer/src/features/jobs/detail/bench/)
// that mounts the job detail's PartitionTable with synthetic metrics: built here with Vite into a
// temporary directory and served on loopback, so it never ships in the app bundle.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build } from 'vite';
import { projectRoot } from '../../test/bench/bench-paths.js';
import { percentile } from './percentile.js';

export interface TableBenchResult {
  partitions: number;
  /** Mount + flush + layout, ms, per run. */
  firstRenderMs: number[];
  /** The same until the first frame was painted. */
  firstPaintMs: number[];
  /** Rows in the DOM (the virtualized window). */
  rowsInDom: number;
  /** One 1-second update each: flush + layout, ms. */
  updateMs: number[];
  updateP50: number;
  updateP95: number;
  updateMax: number;
  /** Every update kept the same row elements (keyed, in place) and changed their text. */
  rowsKept: boolean;
  /** The same updates with the table sorted by lag, where rows change places every second. */
  lagSorted: { updateMs: number[]; p50: number; p95: number; max: number };
}

interface HarnessApi {
  firstRender(n: number): Promise<{ workMs: number; paintedMs: number; rows: number }>;
  sortBy(column: string): Promise<void>;
  update(): Promise<{ workMs: number; rowsKept: boolean; changed: boolean }>;
}

export async function benchTable(
  browser: WebdriverIO.Browser,
  options: { partitions: number; updates: number; renders: number; log: (line: string) => void },
): Promise<TableBenchResult> {
  const outDir = mkdtempSync(join(tmpdir(), 'sluice-bench-harness-'));
  const server = await buildAndServe(outDir);
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const firstRenderMs: number[] = [];
    const firstPaintMs: number[] = [];
    let rowsInDom = 0;
    for (let run = 0; run < options.renders; run++) {
      await browser.url(url); // a fresh page each time: a cold component, as when the page opens
      const first = await call<{ workMs: number; paintedMs: number; rows: number }>(
        browser,
        'firstRender',
        options.partitions,
      );
      firstRenderMs.push(first.workMs);
      firstPaintMs.push(first.paintedMs);
      rowsInDom = first.rows;
    }
    options.log(
      `table: first render ${firstRenderMs.map((ms) => ms.toFixed(0)).join(' / ')} ms, ${rowsInDom} rows in the DOM`,
    );
    const updates = async (count: number) => {
      const ms: number[] = [];
      let kept = true;
      for (let i = 0; i < count; i++) {
        const startedAt = Date.now();
        const update = await call<{ workMs: number; rowsKept: boolean; changed: boolean }>(browser, 'update');
        ms.push(update.workMs);
        kept &&= update.rowsKept && update.changed;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1_000 - (Date.now() - startedAt))));
      }
      return { ms, kept };
    };
    const { ms: updateMs, kept: rowsKept } = await updates(options.updates);
    options.log(
      `table: ${options.updates} updates, p50 ${percentile(updateMs, 50).toFixed(1)} ms, max ${Math.max(...updateMs).toFixed(1)} ms`,
    );
    await call(browser, 'sortBy', 'Lag');
    const { ms: lagMs } = await updates(Math.ceil(options.updates / 2));
    options.log(
      `table: sorted by lag, p50 ${percentile(lagMs, 50).toFixed(1)} ms, max ${Math.max(...lagMs).toFixed(1)} ms`,
    );
    return {
      partitions: options.partitions,
      firstRenderMs,
      firstPaintMs,
      rowsInDom,
      updateMs,
      updateP50: percentile(updateMs, 50),
      updateP95: percentile(updateMs, 95),
      updateMax: Math.max(...updateMs),
      rowsKept,
      lagSorted: { updateMs: lagMs, p50: percentile(lagMs, 50), p95: percentile(lagMs, 95), max: Math.max(...lagMs) },
    };
  } finally {
    await new Promise((resolve) => server.close(resolve));
    rmSync(outDir, { recursive: true, force: true });
  }
}

async function call<T>(browser: WebdriverIO.Browser, method: keyof HarnessApi, arg?: number | string): Promise<T> {
  const reply: { value?: unknown; error?: string } = await browser.executeAsync(
    (name: string, value: number | string | undefined, done: (r: { value?: unknown; error?: string }) => void) => {
      const api = (globalThis as unknown as { tableBench?: Record<string, (n?: number | string) => Promise<unknown>> })
        .tableBench;
      if (!api) return done({ error: 'the harness page did not load' });
      api[name]!(value).then(
        (v) => done({ value: v }),
        (e: Error) => done({ error: e.stack ?? e.message }),
      );
    },
    method,
    arg,
  );
  if (reply.error !== undefined) throw new Error(`table harness ${method}: ${reply.error}`);
  return reply.value as T;
}

async function buildAndServe(outDir: string): Promise<Server> {
  await build({
    root: join(projectRoot, 'renderer', 'src', 'features', 'jobs', 'detail', 'bench'),
    configFile: false,
    logLevel: 'warn',
    base: './',
    plugins: [svelte({ configFile: join(projectRoot, 'svelte.config.js') })],
    build: { outDir, emptyOutDir: true },
  });
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    const file = join(outDir, path === '/' ? 'index.html' : path);
    readFile(file).then(
      (body) => {
        res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      },
      () => {
        res.writeHead(404);
        res.end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
