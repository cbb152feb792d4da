import type { Command } from 'commander';
import type { EventEmitter } from 'node:events';
import type { Logger } from '../../job/logger.js';
import { createLagMonitor } from '../../lag/lag-monitor.js';
import { LAG_DEFAULTS, type LagCycle, type LevelChange } from '../../lag/lag-status.js';
import type { CliIo } from '../cli-io.js';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.js';
import { formatAge, formatCount, formatTime } from '../format.js';
import { createProfileKafka } from '../kafka-client.js';
import { resolveStateDir } from '../state-dir.js';
import { CLUSTERS_HELP, cliClusterConnections, TRUST_HOST_KEY_HELP, type ClusterOptions } from './cluster-profiles.js';
import { lagHistoryHook } from './lag-history-hook.js';
import type { Act } from './lag-check.js';

export interface LagWatchOptions extends ClusterOptions {
  group?: string[];
  interval: string;
  window: string;
  json?: boolean;
  stateDir?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];
const WATCH_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** `sluice lag watch`, under the `lag` command. */
export function registerLagWatch(lag: Command, io: CliIo, act: Act, stateDirHelp: string): void {
  lag
    .command('watch')
    .description(
      'evaluate every group (or the --group ones) each interval and print status changes, one line each, until Ctrl-C',
    )
    .argument('<profile>', 'cluster profile name')
    .option('--group <group>', 'only this group (repeatable); default every group', collect)
    .option('--interval <seconds>', 'seconds between cycles', String(LAG_DEFAULTS.intervalMs / 1000))
    .option('--window <commits>', 'commits per partition window', String(LAG_DEFAULTS.windowSize))
    .option('--json', 'print one JSON object per cycle and per change instead of lines')
    .option('--state-dir <dir>', stateDirHelp)
    .option('--clusters <file>', CLUSTERS_HELP)
    .option('--trust-host-key <fingerprint>', TRUST_HOST_KEY_HELP)
    .action(act((profile: string, options: LagWatchOptions) => lagWatchCommand(io, profile, options)));
}

export function parseWatchNumbers(options: LagWatchOptions): { intervalMs: number; windowSize: number } {
  const interval = Number(options.interval);
  if (!Number.isFinite(interval) || interval <= 0) {
    throw new UsageError(`--interval "${options.interval}": give the seconds between cycles, a number above 0`);
  }
  const window = Number(options.window);
  if (!Number.isInteger(window) || window < 2) {
    throw new UsageError(`--window "${options.window}": give the commits per window, a whole number of at least 2`);
  }
  return { intervalMs: Math.round(interval * 1000), windowSize: window };
}

/** One status change as a line: time, group, from -> to, status, lag, time lag. */
export function formatChange(change: LevelChange, cycle: LagCycle | undefined): string {
  const group = cycle?.groups.find((g) => g.groupId === change.groupId);
  const lag = group ? formatCount(group.totalLag) : '?';
  const timeLag = group?.maxTimeLagMs == null ? '-' : formatAge(group.maxTimeLagMs);
  return `${formatTime(change.at)}  ${change.groupId}  ${change.from ?? 'new'} -> ${change.to}  ${change.status}  lag ${lag}  time lag ${timeLag}`;
}

export async function lagWatchCommand(
  io: CliIo,
  profile: string,
  options: LagWatchOptions,
  signals: Pick<EventEmitter, 'once' | 'off'> = process,
): Promise<ExitCode> {
  const { intervalMs, windowSize } = parseWatchNumbers(options);
  const connections = cliClusterConnections(io, options);
  try {
    const kafka = createProfileKafka(io, await connections.resolve(profile));
    const history = await lagHistoryHook(resolveStateDir(options.stateDir, io.env), profile);
    try {
      for (const repair of history.repairs) io.err(`sluice: lag history: ${repair}`);
      const monitor = createLagMonitor({
        cluster: profile,
        kafka,
        intervalMs,
        windowSize,
        ...(options.group ? { groups: options.group } : {}),
        onCycle: history.onCycle,
        log: stderrLogger(io),
      });
      for (const [groupId, windows] of await history.windows(windowSize)) {
        if (!options.group || options.group.includes(groupId)) monitor.seed(groupId, windows);
      }
      let last: LagCycle | undefined;
      let failures = 0;
      monitor.on('cycle', (cycle) => {
        last = cycle;
        failures = 0;
        if (options.json) io.out(JSON.stringify({ type: 'cycle', ...cycle }));
      });
      monitor.on('change', (change) => {
        io.out(options.json ? JSON.stringify({ type: 'change', ...change }) : formatChange(change, last));
      });
      monitor.on('error', (error) => {
        failures++;
        io.err(`sluice: lag cycle failed (${failures} in a row): ${error.message}`);
      });
      const groups = options.group ? `groups ${options.group.join(', ')}` : 'every group';
      io.err(
        `sluice: watching ${groups} of "${profile}" every ${intervalMs / 1000}s, window ${windowSize} commits; ` +
          `a line per status change; history in ${history.dir} (Ctrl-C to stop)`,
      );
      const stopped = new Promise<NodeJS.Signals>((resolve) => {
        for (const signal of WATCH_SIGNALS) signals.once(signal, () => resolve(signal));
      });
      monitor.start();
      const signal = await stopped;
      io.err(`sluice: ${signal}: stopping`);
      await monitor.stop();
      if (monitor.commitSource === 'polled' && last?.commitSourceNote) io.err(`sluice: note: ${last.commitSourceNote}`);
      return EXIT.ok;
    } finally {
      await history.close();
    }
  } finally {
    await connections.close();
  }
}

function stderrLogger(io: CliIo): Logger {
  const wanted = (io.env['SLUICE_LOG'] ?? '').toLowerCase();
  const say = (message: string, extra?: Record<string, unknown>) =>
    io.err(`sluice: ${message}${extra ? ` ${JSON.stringify(extra)}` : ''}`);
  return {
    debug: (m, e) => (wanted === 'debug' ? say(m, e) : undefined),
    info: (m, e) => (wanted === 'debug' || wanted === 'info' ? say(m, e) : undefined),
    warn: say,
    error: say,
  };
}
