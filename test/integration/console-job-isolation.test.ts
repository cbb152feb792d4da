import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../main/ipc/contract.js';
import { invokeInPage } from '../bench/chromium.js';
import { benchShape, createTopic, kafkaClient, uniqueName, waitFor } from '../bench/helpers.js';
import { kcatConsume } from '../bench/kcat.js';
import { saveClusterInPage, startConsole, type Console } from '../e2e/console-kit.js';

// Each running job lives in a process of its own. A job whose transform throws on every record, one
// that needs more heap than its limit, and one whose process is killed from outside each fail alone,
// with their message and hint; a long job beside them finishes with every record, and the console
// answers throughout. Browser mode, Chromium, the real broker.

let app: Console;
let browser: WebdriverIO.Browser;
const cluster = uniqueName('isolation');

beforeAll(async () => {
  app = await startConsole();
  browser = app.browser;
  await browser.url(app.mode.server.url);
  await saveClusterInPage(browser, cluster, benchShape('kraft').bootstrap);
});

afterAll(async () => {
  await app?.close();
});

const invoke = <T>(channel: string, args: unknown): Promise<T> => invokeInPage<T>(browser, channel, args);

async function fill(topic: string, records: number): Promise<void> {
  const producer = kafkaClient(benchShape('kraft').bootstrap).producer();
  await producer.connect();
  for (let sent = 0; sent < records; sent += 10_000) {
    const messages = Array.from({ length: Math.min(10_000, records - sent) }, (_, i) => ({
      key: `k${sent + i}`,
      value: JSON.stringify({ n: sent + i, pad: 'x'.repeat(200) }),
    }));
    await producer.send({ topic, messages });
  }
  await producer.disconnect();
}

async function saveJob(name: string, source: string, extra: Record<string, unknown>): Promise<void> {
  await invoke('jobs:save', {
    spec: {
      version: 1,
      name,
      source: { cluster: { profile: cluster }, topics: [source], groupId: uniqueName('iso'), valueFormat: 'json' },
      sink: { type: 'none' },
      restart: { strategy: 'none' },
      ...extra,
    },
  });
}

const status = async (name: string): Promise<JobStatus> =>
  (await invoke<JobStatus[]>('jobs:list', undefined)).find((job) => job.name === name)!;

/** The job host of a job: the child process started with the job's name. */
function hostPid(job: string): number {
  const out = execFileSync('pgrep', ['-f', `job-host\\.[tj]s ${job}$`], { encoding: 'utf8' })
    .trim()
    .split('\n');
  expect(out).toHaveLength(1);
  return Number(out[0]);
}

async function failed(name: string): Promise<JobStatus> {
  return waitFor(
    async () => {
      const job = await status(name);
      return job.state === 'failed' ? job : undefined;
    },
    { timeoutMs: 60_000, message: `job ${name} to fail` },
  );
}

describe('jobs in processes of their own', () => {
  it('a throwing transform, a job out of memory and a killed job each fail alone; the long job finishes', async () => {
    const bootstrap = benchShape('kraft').bootstrap;
    const long = await createTopic(bootstrap, { partitions: 3 });
    const small = await createTopic(bootstrap, { partitions: 1 });
    const copy = await createTopic(bootstrap, { partitions: 3 });
    const total = 150_000;
    await fill(long, total);
    await fill(small, 2_000);
    const names = {
      long: uniqueName('long'),
      throws: uniqueName('throws'),
      oom: uniqueName('oom'),
      killed: uniqueName('killed'),
    };

    await saveJob(names.long, long, {
      source: { cluster: { profile: cluster }, topics: [long], groupId: uniqueName('iso'), stopAt: { mode: 'latest' } },
      sink: { type: 'kafka', topic: copy },
      // Slowed by a checkpoint every 100 ms so it outlives the failures beside it.
      checkpoint: { intervalMs: 100 },
    });
    await saveJob(names.throws, small, { transform: { map: '$error("boom on " & $string(offset))' } });
    // Every record builds three million objects; the heap limit is 64 MiB.
    await saveJob(names.oom, small, {
      transform: { map: '{"value": [1..3000000].{"n": $}}' },
      limits: { memoryMb: 64 },
    });
    await saveJob(names.killed, small, {});

    await invoke('jobs:start', { name: names.long });
    await invoke('jobs:start', { name: names.killed });
    await invoke('jobs:start', { name: names.throws }).catch(() => undefined);
    await invoke('jobs:start', { name: names.oom }).catch(() => undefined);
    process.kill(hostPid(names.killed), 'SIGKILL');

    const throws = await failed(names.throws);
    expect(throws.error).toMatchObject({ hintId: 'record-undecodable' });
    expect(throws.error!.message).toMatch(/transform\.map failed on the record of .*\[0\] at offset \d+: boom on \d+/);
    const oom = await failed(names.oom);
    expect(oom.error).toMatchObject({ hintId: 'job-memory-limit' });
    expect(oom.error!.message).toContain('ran out of memory: it needed more than its limit of 64 MiB');
    const killed = await failed(names.killed);
    expect(killed.error).toMatchObject({ hintId: 'job-host-exited' });
    expect(killed.error!.message).toContain('was killed (SIGKILL)');

    // The console answered all along, and still does: the list shows each failure with its message.
    await browser.keys(['Control', '3']);
    for (const name of [names.throws, names.oom, names.killed]) {
      await browser.$(`tr*=${name}`).$('.badge=failed').waitForDisplayed({ timeout: 10_000 });
    }
    expect((await status(names.long)).state).toMatch(/running|stopping|finished/);

    const finished = await waitFor(
      async () => {
        const job = await status(names.long);
        return job.state === 'finished' ? job : undefined;
      },
      { timeoutMs: 120_000, message: `job ${names.long} to finish` },
    );
    expect(finished.error).toBeUndefined();
    const copied = await kcatConsume(bootstrap, copy);
    expect(copied).toHaveLength(total);
    expect(new Set(copied.map((r) => r.key)).size).toBe(total);
  });
});
