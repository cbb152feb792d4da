// The console itself in browser mode, as an operator starts it: `node out/browser/main.js` in its own
// process, opened in Chromium. Times how long until the Jobs section is on screen and usable, and the
// IPC round trip over the browser-mode WebSocket while a job runs at full speed against a real broker.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
  pid: number;
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
    pid: child.pid!,
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

export interface IpcSample {
  calls: number;
  p50: number;
  p99: number;
  max: number;
}

export interface IpcUnderJobs extends IpcSample {
  jobs: number;
  /** The jobs' records/s added up, per jobs:list answer: median, min, max. */
  aggregateRate: { min: number; median: number; max: number };
  /** Resident memory of each job's host process, averaged over the jobs (MiB). */
  rssPerJobMiB: number;
}

export interface IpcResult {
  idle: IpcSample;
  underJobs: IpcUnderJobs[];
}

const summary = (rtts: number[]): IpcSample => ({
  calls: rtts.length,
  p50: percentile(rtts, 50),
  p99: percentile(rtts, 99),
  max: Math.max(...rtts),
});

/** VmRSS of each child process of `pid` (the job hosts of a browser-mode process), in MiB. */
function childRssMiB(pid: number): number[] {
  let children: string[];
  try {
    children = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .trim()
      .split('\n');
  } catch {
    return [];
  }
  return children.flatMap((child) => {
    try {
      const kib = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${child}/status`, 'utf8'))?.[1];
      return kib ? [Number(kib) / 1024] : [];
    } catch {
      return [];
    }
  });
}

/**
 * The IPC round trip from the page while 0, then each of `jobCounts` jobs read a backlog at once
 * (all from one input topic, each into its own output), with the jobs' aggregate rate and memory.
 */
export async function benchIpc(
  browser: WebdriverIO.Browser,
  options: { bootstrap: string; records: number; seconds: number; jobCounts: number[]; log: (line: string) => void },
): Promise<IpcResult> {
  const id = `console-bench-${Date.now().toString(36)}`;
  const admin = new Kafka({ brokers: [options.bootstrap], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const app = await spawnBrowserMode();
  const outputs: string[] = [];
  try {
    await admin.createTopics({ topics: [{ topic: `${id}-in`, numPartitions: 6 }], waitForLeaders: true });
    options.log(`ipc: writing ${options.records.toLocaleString('en-US')} records for the jobs to read`);
    await produceInput(options.bootstrap, `${id}-in`, options.records, 100);
    await openUntilInteractive(browser, app.url);
    await invokeInPage(browser, 'clusters:save', { profile: { name: 'bench', bootstrapServers: [options.bootstrap] } });
    const idle = summary((await sampleCalls(browser, [], 2)).rtts);
    const underJobs: IpcUnderJobs[] = [];
    for (const count of options.jobCounts) {
      const names = Array.from({ length: count }, (_, i) => `${id}-${count}-${i}`);
      for (const name of names) {
        outputs.push(`${name}-out`);
        await admin.createTopics({ topics: [{ topic: `${name}-out`, numPartitions: 6 }], waitForLeaders: true });
        await invokeInPage(browser, 'jobs:save', {
          spec: {
            version: 1,
            name,
            source: { cluster: { profile: 'bench' }, topics: [`${id}-in`], groupId: name },
            sink: { type: 'kafka', topic: `${name}-out`, deliveryGuarantee: 'at-least-once' },
            checkpoint: { intervalMs: 1_000 },
          },
        });
      }
      // The operator watches the jobs list while they run: metrics events render there every second.
      await browser.refresh();
      await browser.$('table[aria-label="Jobs"]').waitForDisplayed({ timeout: 30_000 });
      await Promise.all(names.map((name) => invokeInPage(browser, 'jobs:start', { name })));
      for (const name of names) await waitForRate(browser, name);
      const rss = childRssMiB(app.pid);
      const sample = await sampleCalls(browser, names, options.seconds);
      await Promise.all(names.map((name) => invokeInPage(browser, 'jobs:stop', { name })));
      if (sample.rtts.length < 20)
        throw new Error(`ipc: only ${sample.rtts.length} calls before the jobs' backlog ran out`);
      const result: IpcUnderJobs = {
        jobs: count,
        ...summary(sample.rtts),
        aggregateRate: {
          min: Math.min(...sample.rates),
          median: percentile(sample.rates, 50),
          max: Math.max(...sample.rates),
        },
        rssPerJobMiB: rss.length > 0 ? rss.reduce((a, b) => a + b, 0) / rss.length : 0,
      };
      underJobs.push(result);
      options.log(
        `ipc: ${count} job(s): ${result.calls} calls, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms; ` +
          `${Math.round(result.aggregateRate.median)} records/s in all; ${Math.round(result.rssPerJobMiB)} MiB per job host`,
      );
    }
    return { idle, underJobs };
  } finally {
    await app.stop();
    await admin.deleteTopics({ topics: [`${id}-in`, ...outputs] }).catch(() => undefined);
    await admin.disconnect();
  }
}

/**
 * `app:info` and `jobs:list` in turn from the page, 20 ms apart, for `seconds`; with a job name, only
 * while that job runs with a backlog (lag above 0), noting its records/s from each `jobs:list`.
 */
async function sampleCalls(
  browser: WebdriverIO.Browser,
  jobs: string[],
  seconds: number,
): Promise<{ rtts: number[]; rates: number[] }> {
  const sample: { rtts: number[]; rates: number[]; error?: string } = await browser.executeAsync(
    (names: string[], secs: number, done: (r: { rtts: number[]; rates: number[]; error?: string }) => void) => {
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
          if (names.length > 0 && i % 2 === 1) {
            const statuses = names.map((n) => (reply as Status[]).find((s) => s.name === n));
            // A backlog read to its end is no longer full speed.
            if (statuses.some((status) => !status || status.state !== 'running' || status.lag === 0)) break;
            rates.push(statuses.reduce((sum, status) => sum + status!.recordsInPerSecond, 0));
          }
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      };
      loop().then(
        () => done({ rtts, rates }),
        (e: Error) => done({ rtts, rates, error: e.message }),
      );
    },
    jobs,
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
