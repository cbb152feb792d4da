import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserMode, type BrowserMode } from '../../main/browser/browser-mode.js';
import type { EventChannels, IpcError, SluiceApi } from '../../main/ipc/contract.js';
import { createBrowserClient, type SocketLike } from '../../renderer/src/lib/browser-client.js';
import { benchShape, createTopic, freshGroup, produceN, uniqueName, waitFor } from '../bench/helpers.js';

// Browser mode end to end: the real server on loopback, the renderer's own client over the real
// WebSocket, the real broker. What the console does, without a browser.

let mode: BrowserMode;
let origin: string;

beforeAll(async () => {
  const rendererDir = await mkdtemp(join(tmpdir(), 'sluice-console-renderer-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Sluice</title>');
  mode = await startBrowserMode({ rendererDir, dataDir: await mkdtemp(join(tmpdir(), 'sluice-console-data-')) });
  origin = `http://127.0.0.1:${mode.server.port}`;
});

afterAll(async () => {
  await mode?.close();
});

/** The renderer's client, with the Origin header a browser on our page would send. */
function client(token: string): SluiceApi {
  const socket = new WebSocket(`ws://127.0.0.1:${mode.server.port}/api?token=${encodeURIComponent(token)}`, {
    origin,
  });
  socket.on('error', () => undefined); // a refused upgrade surfaces as the client's close
  const api = createBrowserClient(socket as unknown as SocketLike);
  api.ready();
  return api;
}

describe('console in browser mode', () => {
  it('refuses a wrong token before any call runs', async () => {
    const api = client('not-the-token');
    await expect(api.invoke('jobs:list', undefined)).rejects.toThrow(/closed the connection/);
  });

  it('adds and tests a cluster, refuses an invalid job by field, runs a job and shows its offsets moving', async () => {
    const bootstrap = benchShape('kraft').bootstrap;
    const api = client(mode.token);
    const metrics: EventChannels['jobs:metrics'][] = [];
    const states: string[] = [];
    api.on('jobs:metrics', (m) => metrics.push(m));
    api.on('jobs:state', (s) => states.push(s.to));

    const cluster = uniqueName('local');
    await api.invoke('clusters:save', { profile: { name: cluster, bootstrapServers: [bootstrap] } });
    expect((await api.invoke('clusters:list', undefined)).map((c) => c.name)).toContain(cluster);
    const check = await api.invoke('clusters:test', { cluster });
    expect(check.ok).toBe(true);
    expect(check.steps.map((s) => s.step)).toEqual(expect.arrayContaining(['bootstrap', 'metadata', 'broker']));

    const badProfile = await api
      .invoke('clusters:save', { profile: { name: 'x', bootstrapServers: ['nope'] } })
      .catch((e) => e);
    expect((badProfile as IpcError).problems).toEqual([
      { path: 'profile.bootstrapServers[0]', message: 'expected host:port' },
    ]);

    const topic = await createTopic(bootstrap, { partitions: 3 });
    await produceN(bootstrap, topic, 30);
    const group = freshGroup('console');
    const name = uniqueName('console-job');

    const invalid = await api
      .invoke('jobs:save', {
        spec: {
          version: 1,
          name: 'no spaces allowed',
          source: { cluster: { profile: cluster }, groupId: '' },
          sink: { type: 'kafka' },
        } as never,
      })
      .catch((e) => e);
    expect((invalid as IpcError).name).toBe('InvalidInput');
    expect((invalid as IpcError).problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['spec.name', 'spec.source.groupId', 'spec.source.topics', 'spec.sink.topic']),
    );

    await api.invoke('jobs:save', {
      spec: {
        version: 1,
        name,
        source: { cluster: { profile: cluster }, topics: [topic], groupId: group },
        sink: { type: 'none' },
        checkpoint: { intervalMs: 500 },
        restart: { strategy: 'none' },
      },
    });
    expect((await api.invoke('jobs:list', undefined)).find((j) => j.name === name)?.state).toBe('idle');

    // Every partition's metrics flow to a client that asks for them, as the job page does.
    await api.invoke('jobs:watch', { name, watch: true });
    expect((await api.invoke('jobs:start', { name })).state).toBe('running');
    const offsetsOf = (m: EventChannels['jobs:metrics']) =>
      m.partitions.reduce((s, p) => s + (p.currentOffset ?? 0), 0);
    const mine = () => metrics.filter((m) => m.jobName === name);
    await waitFor(() => mine().find((m) => offsetsOf(m) === 30 && m.lag === 0), { message: 'all 30 records read' });

    await produceN(bootstrap, topic, 20);
    const later = await waitFor(() => mine().find((m) => offsetsOf(m) === 50 && m.lag === 0), {
      message: () =>
        `50 records read (last: ${JSON.stringify(
          mine()
            .at(-1)
            ?.partitions.map((p) => [p.currentOffset, p.lag]),
        )})`,
    });
    expect(later.partitions).toHaveLength(3);
    expect(later.recordsIn).toBe(50);

    const detail = await api.invoke('jobs:get', { name });
    expect(detail.metrics?.partitions.map((p) => p.logEndOffset).reduce((a, b) => (a ?? 0) + (b ?? 0), 0)).toBe(50);

    expect((await api.invoke('jobs:stop', { name })).state).toBe('stopped');
    expect(states).toEqual(expect.arrayContaining(['starting', 'running', 'stopping', 'stopped']));
    const checkpoints = await api.invoke('jobs:checkpoints', { name });
    expect(checkpoints[0]).toMatchObject({ valid: true, offsetCount: 3 });

    // Restore from the oldest kept checkpoint: the job runs again from its offsets.
    const oldest = checkpoints.at(-1)!.checkpointId;
    // Only the restored run's own metrics count: the stopped run's last ones also said lag 0.
    const restartedAt = Date.now();
    expect((await api.invoke('jobs:start', { name, restoreFrom: oldest })).state).toBe('running');
    await waitFor(
      () =>
        mine()
          .filter((m) => m.takenAt > restartedAt && m.state === 'running')
          .find((m) => m.lag === 0),
      {
        message: 'the restored run catching up',
      },
    );
    expect((await api.invoke('jobs:stop', { name })).state).toBe('stopped');

    // The same cluster seen through the topics and groups screens.
    const topics = await api.invoke('topics:list', { cluster });
    expect(topics.find((t) => t.name === topic)).toMatchObject({ records: 50 });
    const newest = await api.invoke('topics:browse', { cluster, topic, from: { mode: 'latest' }, limit: 5 });
    expect(newest.records).toHaveLength(5);
    const first = await api.invoke('topics:browse', {
      cluster,
      topic,
      partition: 0,
      from: { mode: 'offset', offset: 0 },
      limit: 2,
    });
    expect(first.records.map((r) => r.offset)).toEqual([0, 1]);
    const groupDetail = await api.invoke('groups:describe', { cluster, group });
    expect(groupDetail.totalLag).toBe(0);
    expect(groupDetail.partitions.map((p) => p.committedOffset).reduce((a, b) => (a ?? 0) + (b ?? 0), 0)).toBe(50);
  });
});
