import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserMode, type BrowserMode } from '../../main/browser/browser-mode.js';
import type { EventChannels, SluiceApi } from '../../main/ipc/contract.js';
import { createBrowserClient, type SocketLike } from '../../renderer/src/lib/browser-client.js';
import { benchShape, createTopic, freshGroup, produceN, uniqueName, waitFor } from '../bench/helpers.js';

// The console's lint and health over browser mode's real WebSocket and services, on the real broker:
// what LintPanel and ClusterHealth call, and lint findings arriving as job warnings at start.

let mode: BrowserMode;

beforeAll(async () => {
  const rendererDir = await mkdtemp(join(tmpdir(), 'sluice-lint-renderer-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Sluice</title>');
  mode = await startBrowserMode({ rendererDir, dataDir: await mkdtemp(join(tmpdir(), 'sluice-lint-data-')) });
});

afterAll(async () => {
  await mode?.close();
});

function client(): SluiceApi {
  const socket = new WebSocket(`ws://127.0.0.1:${mode.server.port}/api?token=${encodeURIComponent(mode.token)}`, {
    origin: `http://127.0.0.1:${mode.server.port}`,
  });
  const api = createBrowserClient(socket as unknown as SocketLike);
  api.ready();
  return api;
}

describe('lint and health in the console', () => {
  it('lints a saved job, checks the cluster, and emits lint findings as warnings when the job starts', async () => {
    const bootstrap = benchShape('kraft').bootstrap;
    const api = client();
    const warnings: EventChannels['jobs:warning'][] = [];
    api.on('jobs:warning', (w) => warnings.push(w));

    const cluster = uniqueName('lint-local');
    await api.invoke('clusters:save', { profile: { name: cluster, bootstrapServers: [bootstrap] } });
    const input = await createTopic(bootstrap, { partitions: 2 });
    const output = await createTopic(bootstrap, { replicationFactor: 1 });
    await produceN(bootstrap, input, 10);
    const name = uniqueName('lint-job');
    await api.invoke('jobs:save', {
      spec: {
        version: 1,
        name,
        source: {
          cluster: { profile: cluster },
          topics: [input],
          groupId: freshGroup('lint'),
          stopAt: { mode: 'latest' },
        },
        sink: { type: 'kafka', topic: output, acks: 1, idempotent: false },
      },
    });

    const report = await api.invoke('jobs:lint', { name });
    expect(report.job).toBe(name);
    expect(report.clustersChecked).toBe(true);
    expect(report.findings.map((f) => f.ruleId).sort()).toEqual([
      'acks-below-all',
      'log-flush',
      'replication-factor-one',
      'shallow-copy-blocked',
      'shallow-copy-blocked',
    ]);
    await expect(api.invoke('jobs:lint', { name: 'no-such-job' })).rejects.toThrow('no job named "no-such-job"');

    const health = await api.invoke('clusters:health', { cluster });
    expect(health.healthy).toBe(true);
    expect(health.brokers).toEqual([expect.objectContaining({ reachable: true })]);
    expect(health.partitions).toBeGreaterThanOrEqual(3);

    await api.invoke('jobs:start', { name });
    const seen = await waitFor(() => (warnings.filter((w) => w.name === name).length >= 3 ? warnings : undefined), {
      message: 'three lint warnings for the job',
    });
    const lines = seen.filter((w) => w.name === name).map((w) => w.message);
    expect(lines).toContainEqual(expect.stringMatching(/^lint warning: sink\.acks is 1: .*\[hint: data-loss-risk\]$/));
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^lint warning: sink topic ".*" has replication factor 1.*\[hint: replication-factor-one\]$/,
      ),
    );
    await waitFor(async () => ['finished', 'failed'].includes((await api.invoke('jobs:get', { name })).status.state), {
      message: 'the bounded job to end',
    });
    expect((await api.invoke('jobs:get', { name })).status.state).toBe('finished');
  });
});
