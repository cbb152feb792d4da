#!/usr/bin/env -S npx tsx
// The console's speed in real Chromium (`npm run bench -- --only console`): time to an interactive
// console in browser mode, the job detail's partition table with 10,000 partitions (first render and
// each 1-second update), and the IPC round trip while a job runs at full speed against the broker.
// Builds the renderer and browser mode first. Standalone: `npx tsx scripts/bench/console-bench.ts
// --bootstrap HOST:PORT [--quick]`.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { projectRoot } from '../../test/bench/bench-paths.js';
import type { Target } from '../perf/report.js';
import { benchInteractive, benchIpc, type InteractiveResult, type IpcResult } from './console-app.js';
import { startChromium } from '../../test/bench/chromium.js';
import { percentile } from './percentile.js';
import { benchTable, type TableBenchResult } from './console-table.js';

export interface ConsoleBenchOptions {
  bootstrap: string;
  quick?: boolean;
  log?: (line: string) => void;
}

export interface ConsoleBenchResult {
  interactive: InteractiveResult;
  table: TableBenchResult;
  ipc: IpcResult;
}

export async function benchConsole(options: ConsoleBenchOptions): Promise<ConsoleBenchResult> {
  const log = options.log ?? (() => undefined);
  log('console: building the renderer and browser mode');
  execFileSync('npx', ['electron-vite', 'build'], { cwd: projectRoot, stdio: 'ignore' });
  execFileSync(process.execPath, [join(projectRoot, 'scripts', 'build-node.js'), 'browser', 'job-host'], {
    cwd: projectRoot,
    stdio: 'ignore',
  });
  const browser = await startChromium('the console bench');
  try {
    const interactive = await benchInteractive(browser, options.quick ? 3 : 7, log);
    const table = await benchTable(browser, {
      partitions: 10_000,
      renders: options.quick ? 3 : 5,
      updates: options.quick ? 10 : 30,
      log,
    });
    const ipc = await benchIpc(browser, {
      bootstrap: options.bootstrap,
      records: options.quick ? 300_000 : 1_500_000,
      seconds: options.quick ? 4 : 10,
      jobCounts: [1, 3, 5],
      log,
    });
    return { interactive, table, ipc };
  } finally {
    await browser.deleteSession().catch(() => undefined);
  }
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
const median = (values: number[]) => percentile(values, 50);

/** The console's targets for the report's Targets table. */
export function consoleTargets(result: ConsoleBenchResult | undefined): Target[] {
  const skipped = [{ where: 'console skipped', value: 'not measured', met: undefined }];
  if (!result) {
    return [
      'time to interactive console',
      'partition table first render',
      'partition table update',
      'IPC round trip p99',
    ].map((name) => ({ name, goal: '-', measured: skipped }));
  }
  const { interactive, table, ipc } = result;
  const tti = median(interactive.totalMs);
  const first = median(table.firstRenderMs);
  return [
    {
      name: 'time to interactive console',
      goal: '< 1.5 s',
      measured: [{ where: `browser mode, median of ${interactive.totalMs.length}`, value: ms(tti), met: tti < 1_500 }],
    },
    {
      name: 'partition table first render',
      goal: '< 200 ms',
      measured: [
        { where: `${table.partitions.toLocaleString('en-US')} partitions, median`, value: ms(first), met: first < 200 },
      ],
    },
    {
      name: 'partition table update',
      goal: '< 16 ms',
      measured: [
        {
          where: `${table.partitions.toLocaleString('en-US')} partitions, p95 of ${table.updateMs.length}, by partition`,
          value: ms(table.updateP95),
          met: table.updateP95 < 16 && table.rowsKept,
        },
        {
          where: `${table.partitions.toLocaleString('en-US')} partitions, p95 of ${table.lagSorted.updateMs.length}, by lag`,
          value: ms(table.lagSorted.p95),
          met: table.lagSorted.p95 < 16,
        },
      ],
    },
    {
      name: 'IPC round trip p99',
      goal: '< 50 ms',
      measured: ipc.underJobs.map((u) => ({
        where: `${u.calls} calls while ${u.jobs} job${u.jobs === 1 ? '' : 's'} read a backlog`,
        value: ms(u.p99),
        met: u.p99 < 50,
      })),
    },
  ];
}

export function renderConsoleSection(result: ConsoleBenchResult): string {
  const { interactive, table, ipc } = result;
  const list = (values: number[]) => values.map((v) => v.toFixed(0)).join(' / ');
  return [
    '## Console',
    '',
    "Measured in Debian's Chromium (headless, 1280×800) driven by chromedriver (scripts/bench/console-*.ts).",
    '',
    '| measure | median / p50 | p95 | max | runs |',
    '| --- | ---: | ---: | ---: | ---: |',
    `| time to interactive console | ${ms(median(interactive.totalMs))} | ${ms(percentile(interactive.totalMs, 95))} | ${ms(Math.max(...interactive.totalMs))} | ${interactive.totalMs.length} |`,
    `| … of which browser mode listening | ${ms(median(interactive.listeningMs))} | ${ms(percentile(interactive.listeningMs, 95))} | ${ms(Math.max(...interactive.listeningMs))} | ${interactive.listeningMs.length} |`,
    `| partition table first render (${table.partitions.toLocaleString('en-US')} partitions) | ${ms(median(table.firstRenderMs))} | ${ms(percentile(table.firstRenderMs, 95))} | ${ms(Math.max(...table.firstRenderMs))} | ${table.firstRenderMs.length} |`,
    `| … until the first frame is painted | ${ms(median(table.firstPaintMs))} | ${ms(percentile(table.firstPaintMs, 95))} | ${ms(Math.max(...table.firstPaintMs))} | ${table.firstPaintMs.length} |`,
    `| partition table 1-second update | ${ms(table.updateP50)} | ${ms(table.updateP95)} | ${ms(table.updateMax)} | ${table.updateMs.length} |`,
    `| … sorted by lag (rows change places) | ${ms(table.lagSorted.p50)} | ${ms(table.lagSorted.p95)} | ${ms(table.lagSorted.max)} | ${table.lagSorted.updateMs.length} |`,
    `| IPC round trip (app:info, jobs:list), no job running | ${ms(ipc.idle.p50)} | p99 ${ms(ipc.idle.p99)} | ${ms(ipc.idle.max)} | ${ipc.idle.calls} |`,
    ...ipc.underJobs.map(
      (u) =>
        `| … while ${u.jobs} job${u.jobs === 1 ? '' : 's'} read a backlog | ${ms(u.p50)} | p99 ${ms(u.p99)} | ${ms(u.max)} | ${u.calls} |`,
    ),
    '',
    '| jobs running | records/s in all (median) | vs 1 job | resident memory per job host |',
    '| ---: | ---: | ---: | ---: |',
    ...ipc.underJobs.map(
      (u) =>
        `| ${u.jobs} | ${Math.round(u.aggregateRate.median).toLocaleString('en-US')} | ${(u.aggregateRate.median / (ipc.underJobs[0]?.aggregateRate.median ?? NaN)).toFixed(2)}× | ${Math.round(u.rssPerJobMiB)} MiB |`,
    ),
    '',
    `- **Time to interactive**: from spawning \`node out/browser/main.js\` (a fresh data directory each run) to the Jobs section having loaded its list over the WebSocket with its "New job" button enabled, in a Chromium that is already open; runs: ${list(interactive.totalMs)} ms.`,
    `- **Partition table**: a synthetic harness page (renderer/src/features/jobs/detail/bench/, built separately by the bench, not part of the app) mounts the job detail's \`PartitionTable\` with 10,000 partitions (100 topics × 100). First render is mount + \`flushSync\` + a forced layout, on a fresh page each run; each update replaces all 10,000 partition objects, as a \`jobs:metrics\` event does once a second, and is timed from a frame start through \`flushSync\` and layout (sort, virtual window, row updates); paint is not in it. ${table.rowsInDom} rows are in the DOM; every update ${table.rowsKept ? 'kept the same row elements and changed their text' : '**re-created rows or changed nothing**'}.`,
    `- **IPC round trip**: \`app:info\` and \`jobs:list\` in turn from the page over the browser-mode WebSocket, 20 ms apart, first with no job, then while 1, 3 and 5 unbounded at-least-once Kafka-to-Kafka jobs (each its own group and output, all reading one 6-partition input of 100 B values, a checkpoint a second) read a backlog, with the jobs list open. Each job runs in a job host process of its own, so the browser-mode process that answers the calls only relays their events; the aggregate rate is the jobs' records/s added up from each \`jobs:list\` answer, and the memory is each job host's resident set (VmRSS) while it reads. On this 2-core machine the jobs share two cores, so more jobs do not mean more records/s in all.`,
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { bootstrap: { type: 'string' }, quick: { type: 'boolean', default: false } },
  });
  if (!values.bootstrap) {
    console.error('usage: npx tsx scripts/bench/console-bench.ts --bootstrap HOST:PORT [--quick]');
    process.exit(2);
  }
  const result = await benchConsole({
    bootstrap: values.bootstrap,
    quick: values.quick,
    log: (line) => console.error(`[console-bench] ${line}`),
  });
  console.log(renderConsoleSection(result));
  for (const t of consoleTargets(result))
    for (const m of t.measured) console.log(`${t.name} ${t.goal}: ${m.value} ${m.met ? 'met' : 'NOT met'}`);
  process.exit(0);
}
