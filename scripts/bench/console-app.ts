// The console itself in browser mode, as an operator starts it: `node out/browser/main.js` in its own
// process, opened in Chromium. Times how long until the Jobs section is on screen and usable, and the
// IPC round trip over the browser-mode WebSocket while a job runs at full speed against a real broker.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import kafkajs from 'kafkajs';
import { projectRoot } from '../../test/bench/bench-paths.js';
import { produceInput } from '../perf/input-data.js';
import { invokeInPage } from '../../test/bench/chromium.js';
import { percentile } from './percentile.js';

const { Kafka, logLevel } = kafkajs;

export interface BrowserModeProcess {
  url: string;
  /** ms from spawn to the address printed (the server listening). */
  listeningMs: number;
  spawnedAt: number;
  stop(): Promise<void>;
}

/** Starts browser mode the way `npm start -- --browser` does, on a free port and a throwaway data dir. */
export async function spawnBrowserMode(): Promise<BrowserModeProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sluice-bench-console-'));
  const spawnedAt = Date.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [join(projectRoot, 'out', 'browser', 'main.js'), '--port', '0', '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(line);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`browser mode exited with ${code} before printing its address`)));
  });
  const listeningMs = Date.now() - spawnedAt;
  return {
    url,
    listeningMs,
    spawnedAt,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the console and resolves with the wall-clock time (ms since epoch, the page's clock) at which
 * the Jobs section had loaded its list from main and its "New job" button could be clicked.
 */
async function openUntilInteractive(browser: WebdriverIO.Browser, url: string): Promise<number> {
  await browser.url(url);
  // The page's clock, in ms since epoch, or why it never got there.
  const at: string = await browser.executeAsync((done: (t: string) => void) => {
    const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document;
    const ready = () => {
      const button = doc.querySelector('main button.primary') as { disabled: boolean } | null;
      const listed = doc.querySelector('main [role="status"], main table[aria-label="Jobs"]');
      return button !== null && !button.disabled && listed !== null;
    };
    const deadline = performance.now() + 30_000;
    const poll = () => {
      if (ready()) done(String(performance.timeOrigin + performance.now()));
      else if (performance.now() > deadline) done('the Jobs section never became ready');
      else setTimeout(poll, 2);
    };
    poll();
  });
  if (!/^\d/.test(at)) throw new Error(at);
  return Number(at);
}

export interface InteractiveResult {
  /** Spawn → Jobs section usable, per run. */
  totalMs: number[];
  /** Spawn → server listening, per run. */
  listeningMs: number[];
}

export async function benchInteractive(
  browser: WebdriverIO.Browser,
  runs: number,
  log: (line: string) => void,
): Promise<InteractiveResult> {
  const result: InteractiveResult = { totalMs: [], listeningMs: [] };
  for (let run = 0; run < runs; run++) {
    await browser.url('about:blank');
    const app = await spawnBrowserMode();
    try {
      const at = await openUntilInteractive(browser, app.url);
      result.totalMs.push(at - app.spawnedAt);
      result.listeningMs.push(app.listeningMs);
    } finally {
      await app.stop();
    }
  }
  log(`interactive: ${result.totalMs.map((ms) => ms.toFixed(0)).join(' / ')} ms`);
  return result;
}

export interface IpcResult {
  calls: number;
  p50: number;
  p99: number;
  max: number;
  /** The job's records/s (jobs:list) sampled during the calls. */
  jobRate: { min: number; median: number; max: number };
  /** The same calls on the same page before the job started. */
  idle: { calls: number; p50: number; p99: number };
}

/**
 * Runs an unbounded at-least-once Kafka-to-Kafka job over a backlog of `records` records from the
 * console (its page open on the job), and meanwhile times `app:info` and `jobs:list` calls from the
 * page, one after another with 20 ms between them, for `seconds` or until the backlog is read.
 */
export async function benchIpc(
  browser: WebdriverIO.Browser,
  options: { bootstrap: string; records: number; seconds: number; log: (line: string) => void },
): Promise<IpcResult> {
  const id = `console-bench-${Date.now().toString(36)}`;
  const admin = new Kafka({ brokers: [options.bootstrap], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const app = await spawnBrowserMode();
  try {
    await admin.createTopics({
      topics: [
        { topic: `${id}-in`, numPartitions: 6 },
        { topic: `${id}-out`, numPartitions: 6 },
      ],
      waitForLeaders: true,
    });
    options.log(`ipc: writing ${options.records.toLocaleString('en-US')} records for the job to read`);
    await produceInput(options.bootstrap, `${id}-in`, options.records, 100);
    await openUntilInteractive(browser, app.url);
    await invokeInPage(browser, 'clusters:save', { profile: { name: 'bench', bootstrapServers: [options.bootstrap] } });
    await invokeInPage(browser, 'jobs:save', {
      spec: {
        version: 1,
        name: id,
        source: { cluster: { profile: 'bench' }, topics: [`${id}-in`], groupId: id },
        sink: { type: 'kafka', topic: `${id}-out`, deliveryGuarantee: 'at-least-once' },
        checkpoint: { intervalMs: 1_000 },
      },
    });
    // The operator watches the job's page while it runs: metrics events render there every second.
    await browser.refresh();
    await browser.$('table[aria-label="Jobs"]').$(`button=${id}`).click();
    const idle = await sampleCalls(browser, undefined, 2);
    await browser.$('.toolbar').$('button=Start').click();
    await browser.$('.toolbar').$('.badge=running').waitForDisplayed({ timeout: 30_000 });
    await waitForRate(browser, id);

    const sample = await sampleCalls(browser, id, options.seconds);
    if (sample.rtts.length < 20)
      throw new Error(`ipc: only ${sample.rtts.length} calls before the job's backlog ran out`);
    await invokeInPage(browser, 'jobs:stop', { name: id });
    const result: IpcResult = {
      calls: sample.rtts.length,
      p50: percentile(sample.rtts, 50),
      p99: percentile(sample.rtts, 99),
      max: Math.max(...sample.rtts),
      jobRate: {
        min: Math.min(...sample.rates),
        median: percentile(sample.rates, 50),
        max: Math.max(...sample.rates),
      },
      idle: { calls: idle.rtts.length, p50: percentile(idle.rtts, 50), p99: percentile(idle.rtts, 99) },
    };
    options.log(
      `ipc: ${result.calls} calls, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms while the job ran at a median ${Math.round(result.jobRate.median)} records/s`,
    );
    return result;
  } finally {
    await app.stop();
    await admin.deleteTopics({ topics: [`${id}-in`, `${id}-out`] }).catch(() => undefined);
    await admin.disconnect();
  }
}

/**
 * `app:info` and `jobs:list` in turn from the page, 20 ms apart, for `seconds`; with a job name, only
 * while that job runs with a backlog (lag above 0), noting its records/s from each `jobs:list`.
 */
async function sampleCalls(
  browser: WebdriverIO.Browser,
  job: string | undefined,
  seconds: number,
): Promise<{ rtts: number[]; rates: number[] }> {
  const sample: { rtts: number[]; rates: number[]; error?: string } = await browser.executeAsync(
    (name: string | null, secs: number, done: (r: { rtts: number[]; rates: number[]; error?: string }) => void) => {
      type Status = { name: string; state: string; recordsInPerSecond: number; lag?: number };
      const api = (globalThis as unknown as { sluice: { invoke(c: string, x: unknown): Promise<unknown> } }).sluice;
      const rtts: number[] = [];
      const rates: number[] = [];
      const until = performance.now() + secs * 1_000;
      const loop = async () => {
        for (let i = 0; performance.now() < until; i++) {
          const start = performance.now();
          const reply = await api.invoke(i % 2 === 0 ? 'app:info' : 'jobs:list', undefined);
          rtts.push(performance.now() - start);
          if (name !== null && i % 2 === 1) {
            const status = (reply as Status[]).find((s) => s.name === name);
            if (!status || status.state !== 'running' || status.lag === 0) break; // backlog read: no longer full speed
            rates.push(status.recordsInPerSecond);
          }
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      };
      loop().then(
        () => done({ rtts, rates }),
        (e: Error) => done({ rtts, rates, error: e.message }),
      );
    },
    job ?? null,
    seconds,
  );
  if (sample.error) throw new Error(`ipc: ${sample.error}`);
  return sample;
}

/** Until the job reports a rate: it has joined its group and is reading. */
async function waitForRate(browser: WebdriverIO.Browser, name: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const list = await invokeInPage<{ name: string; recordsInPerSecond: number }[]>(browser, 'jobs:list', undefined);
    if ((list.find((s) => s.name === name)?.recordsInPerSecond ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`ipc: job ${name} never reported records/s`);
}
