import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserMode, type BrowserMode } from '../../main/browser/browser-mode.js';
import type { IpcError, ReportProgressEvent, SluiceApi } from '../../main/ipc/contract.js';
import { createBrowserClient, type SocketLike } from '../../renderer/src/lib/browser-client.js';
import {
  benchShape,
  createTopic,
  freshGroup,
  kafkaClient,
  produceN,
  uniqueName,
  committedOffsets,
} from '../bench/helpers.js';

// Reports through the console's own path: browser mode's server, the renderer's client over the real
// WebSocket, the reports service in main, the real broker. Export (with progress events), parse,
// preview, apply and refusals, as ExportReport.svelte and ImportReport.svelte call them.

let mode: BrowserMode;
let api: SluiceApi;
let admin: Admin;
let cluster: string;
let topic: string;

beforeAll(async () => {
  const rendererDir = await mkdtemp(join(tmpdir(), 'sluice-report-renderer-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Sluice</title>');
  mode = await startBrowserMode({ rendererDir, dataDir: await mkdtemp(join(tmpdir(), 'sluice-report-data-')) });
  const origin = `http://127.0.0.1:${mode.server.port}`;
  const socket = new WebSocket(`ws://127.0.0.1:${mode.server.port}/api?token=${encodeURIComponent(mode.token)}`, {
    origin,
  });
  socket.on('error', () => undefined);
  api = createBrowserClient(socket as unknown as SocketLike);
  api.ready();
  const bootstrap = benchShape('kraft').bootstrap;
  cluster = uniqueName('reports');
  await api.invoke('clusters:save', { profile: { name: cluster, bootstrapServers: [bootstrap] } });
  topic = await createTopic(bootstrap, { partitions: 2 });
  await produceN(bootstrap, topic, 8, { partition: 0 });
  await produceN(bootstrap, topic, 5, { partition: 1 });
  admin = kafkaClient(bootstrap).admin();
  await admin.connect();
}, 60_000);

afterAll(async () => {
  await admin?.disconnect();
  await mode?.close();
});

const committed = (group: string) => committedOffsets(admin, group, topic);

describe('reports in the console', () => {
  it('exports a group in every format with progress, and a PDF that holds its numbers', async () => {
    const group = freshGroup('console-report');
    await admin.setOffsets({
      groupId: group,
      topic,
      partitions: [
        { partition: 0, offset: '3' },
        { partition: 1, offset: '5' },
      ],
    });
    const progress: ReportProgressEvent[] = [];
    const off = api.on('reports:progress', (e) => progress.push(e));
    const csv = await api.invoke('reports:export', {
      kind: 'group',
      name: group,
      cluster,
      format: 'offsets-csv',
      requestId: 'export-1',
    });
    off();
    expect(csv).toMatchObject({ encoding: 'utf8', mime: 'text/csv', partitions: 2, totalLag: 5 });
    expect(csv.content).toBe(`${topic},0,3\n${topic},1,5\n`);
    expect(progress.map((p) => [p.requestId, p.stage])).toEqual([
      ['export-1', 'offsets'],
      ['export-1', 'timestamps'],
      ['export-1', 'done'],
      ['export-1', 'rendering'],
    ]);

    const json = await api.invoke('reports:export', { kind: 'group', name: group, cluster, format: 'json' });
    const report = JSON.parse(json.content) as {
      partitions: { committedOffset: number; timestampAtOffset: number | null }[];
    };
    expect(report.partitions.map((p) => p.committedOffset)).toEqual([3, 5]);
    // A record sits at offset 3 of partition 0; partition 1's offset is its log end, where none is yet.
    expect(report.partitions[0]!.timestampAtOffset).toEqual(expect.any(Number));
    expect(report.partitions[1]!.timestampAtOffset).toBeNull();

    const pdf = await api.invoke('reports:export', {
      kind: 'group',
      name: group,
      cluster,
      format: 'pdf',
      timestamps: false,
    });
    expect(pdf.encoding).toBe('base64');
    const file = join(await mkdtemp(join(tmpdir(), 'sluice-report-pdf-')), pdf.suggestedName);
    await writeFile(file, Buffer.from(pdf.content, 'base64'));
    const { stdout } = await promisify(execFile)('pdftotext', [file, '-']);
    expect(stdout).toContain(group);
    // pdftotext may put a summary tile's number before or after its label; either way it is 5.
    expect(stdout).toMatch(/Total lag\s+5\b|\b5\s+Total lag/);
  }, 120_000);

  it('parses, previews and applies an import; refuses a malformed one by line, changing nothing', async () => {
    const group = freshGroup('console-import');
    await admin.setOffsets({
      groupId: group,
      topic,
      partitions: [
        { partition: 0, offset: '1' },
        { partition: 1, offset: '1' },
      ],
    });
    const text = `${topic},0,6\n${topic},1,2\n`;
    expect(await api.invoke('reports:parse', { fileName: 'o.csv', text })).toEqual({
      format: 'offsets-csv',
      offsets: [
        { topic, partition: 0, offset: 6 },
        { topic, partition: 1, offset: 2 },
      ],
    });
    const args = { fileName: 'o.csv', text, cluster, groupId: group };
    const preview = await api.invoke('reports:apply-preview', args);
    expect(preview.rows.map((r) => [r.partition, r.current, r.target, r.lagAfter])).toEqual([
      [0, 1, 6, 2],
      [1, 1, 2, 3],
    ]);
    expect(await committed(group)).toEqual([1, 1]);

    const bad = (await api
      .invoke('reports:apply', { ...args, text: `${topic},0,6\n${topic},one,2\n` })
      .catch((e: unknown) => e)) as IpcError;
    expect(bad.problems).toEqual([{ path: 'line 2', message: 'partition "one" is not a number' }]);
    expect(await committed(group)).toEqual([1, 1]);

    // The group moved after the preview: the apply is refused rather than overwriting that.
    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '4' }] });
    const expected = preview.rows.map((r) => ({ topic: r.topic, partition: r.partition, current: r.current }));
    await expect(api.invoke('reports:apply', { ...args, expected })).rejects.toThrow(/changed since the preview/);
    expect(await committed(group)).toEqual([4, 1]);

    const fresh = await api.invoke('reports:apply-preview', args);
    const again = fresh.rows.map((r) => ({ topic: r.topic, partition: r.partition, current: r.current }));
    await api.invoke('reports:apply', { ...args, expected: again });
    expect(await committed(group)).toEqual([6, 2]);
  }, 120_000);
});
