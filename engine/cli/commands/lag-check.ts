import type { Command } from 'commander';
import { evaluateGroup, evaluatePartition } from '../../lag/evaluate.js';
import { openLagHistory } from '../../lag/lag-history.js';
import {
  LAG_DEFAULTS,
  levelExitCode,
  type GroupEvaluation,
  type LagLevel,
  type PartitionEvaluation,
} from '../../lag/lag-status.js';
import type { CliIo } from '../cli-io.js';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.js';
import { formatAge, formatCount, formatTime } from '../format.js';
import { reportFailure } from '../report-failure.js';
import { lagHistoryDir, resolveStateDir } from '../state-dir.js';
import { formatTable, toRecords, type Column } from '../table.js';

export interface LagCheckOptions {
  group: string;
  stateDir?: string;
  window: string;
  interval: string;
  json?: boolean;
}

/** A verdict, or none: Nagios' UNKNOWN. */
type Verdict = LagLevel | 'UNKNOWN';
/** History older than this many intervals gives no verdict. */
const STALE_INTERVALS = 3;

export type Act = <A extends unknown[]>(
  handler: (...args: A) => Promise<ExitCode> | ExitCode,
) => (...args: A) => Promise<void>;

/** `sluice lag check`, under the `lag` command. */
export function registerLagCheck(lag: Command, io: CliIo, act: Act, stateDirHelp: string): void {
  lag
    .command('check')
    .description(
      'evaluate a group once from the stored lag history; exit 0 OK, 1 WARN, 2 ERR, 3 unknown (no or stale history)',
    )
    .argument('<profile>', 'cluster profile name (the history `sluice lag watch PROFILE` writes)')
    .requiredOption('--group <group>', 'consumer group id')
    .option('--state-dir <dir>', stateDirHelp)
    .option('--window <commits>', 'commits per partition window', String(LAG_DEFAULTS.windowSize))
    .option(
      '--interval <seconds>',
      `the monitor's interval; history older than ${STALE_INTERVALS} intervals is stale`,
      String(LAG_DEFAULTS.intervalMs / 1000),
    )
    .option('--json', 'print JSON instead of a table')
    .action(act((profile: string, options: LagCheckOptions) => lagCheckCommand(io, profile, options)));
}

const columns: readonly Column<PartitionEvaluation>[] = [
  { header: 'TOPIC', key: 'topic', align: 'left', value: (p) => p.topic },
  { header: 'PARTITION', key: 'partition', align: 'right', value: (p) => p.partition },
  { header: 'STATUS', key: 'status', align: 'left', value: (p) => p.status },
  { header: 'LAG', key: 'lag', align: 'right', value: (p) => p.lag, display: (p) => formatCount(p.lag) },
  {
    header: 'TIME-LAG',
    key: 'timeLagMs',
    align: 'right',
    value: (p) => p.timeLagMs,
    display: (p) => (p.timeLagMs === null ? '-' : formatAge(p.timeLagMs)),
  },
  { header: 'OFFSET', key: 'offset', align: 'right', value: (p) => p.offset },
  { header: 'LOG-END', key: 'logEnd', align: 'right', value: (p) => p.logEnd },
  {
    header: 'LAST-COMMIT (UTC)',
    key: 'lastCommitAt',
    align: 'left',
    value: (p) => p.lastCommitAt,
    display: (p) => (p.lastCommitAt === null ? '-' : formatTime(p.lastCommitAt)),
  },
  {
    header: 'WINDOW',
    key: 'complete',
    align: 'right',
    value: (p) => p.complete,
    display: (p) => `${Math.round(p.complete * 100)}%`,
  },
];

/**
 * `sluice lag check PROFILE --group G`: the group's status from its stored commit windows, as of
 * the last stored cycle, for cron and monitoring scripts. Anything that keeps it from a verdict
 * (no history, stale history, an unreadable store) exits 3, never a status code.
 */
export async function lagCheckCommand(io: CliIo, profile: string, options: LagCheckOptions): Promise<ExitCode> {
  try {
    const windowSize = wholeNumber('--window', options.window);
    const intervalMs = wholeNumber('--interval', options.interval) * 1000;
    const dir = lagHistoryDir(resolveStateDir(options.stateDir, io.env), profile);
    const history = await openLagHistory(dir, { readOnly: true, onProblem: (message) => io.err(`sluice: ${message}`) });
    const stored = await history.windows(options.group, windowSize);
    await history.close();
    const subject = `group ${options.group} on ${profile}`;
    if (!stored) {
      const why = `no lag history for ${subject} in ${dir} (is \`sluice lag watch ${profile}\` running?)`;
      return finish(io, options, { verdict: 'UNKNOWN', message: why });
    }
    const timeLags = new Map(stored.latest.map((p) => [`${p.topic}/${p.partition}`, p.timeLagMs]));
    const group = evaluateGroup(
      options.group,
      stored.windows.map((w) =>
        evaluatePartition(w, { now: stored.at, windowSize }, timeLags.get(`${w.topic}/${w.partition}`) ?? null),
      ),
    );
    const ageMs = Date.now() - stored.at;
    const asOf = `as of ${formatTime(stored.at)} (${formatAge(ageMs)} ago)`;
    if (ageMs > STALE_INTERVALS * intervalMs) {
      const message =
        `${subject} stale since ${formatTime(stored.at)} (${formatAge(ageMs)} ago, over ${STALE_INTERVALS} intervals ` +
        `of ${formatAge(intervalMs)}); it was ${group.level}`;
      return finish(io, options, { verdict: 'UNKNOWN', message, group, at: stored.at, ageMs });
    }
    const full = Math.round(group.complete * group.partitions.length);
    const message =
      `${subject} is ${group.status}, total lag ${formatCount(group.totalLag)}, ` +
      `${full} of ${group.partitions.length} partition windows full, ${asOf}`;
    return finish(io, options, { verdict: group.level, message, group, at: stored.at, ageMs });
  } catch (error) {
    if (options.json) io.out(JSON.stringify({ verdict: 'UNKNOWN', exitCode: EXIT.unknown, error: String(error) }));
    reportFailure(io, error);
    return EXIT.unknown;
  }
}

interface Outcome {
  verdict: Verdict;
  message: string;
  group?: GroupEvaluation;
  at?: number;
  ageMs?: number;
}

function finish(io: CliIo, options: LagCheckOptions, outcome: Outcome): ExitCode {
  const exitCode = outcome.verdict === 'UNKNOWN' ? EXIT.unknown : levelExitCode(outcome.verdict);
  const { group } = outcome;
  if (options.json) {
    io.out(
      JSON.stringify(
        {
          verdict: outcome.verdict,
          exitCode,
          message: outcome.message,
          groupId: options.group,
          at: outcome.at ?? null,
          ageMs: outcome.ageMs ?? null,
          ...(group && {
            status: group.status,
            totalLag: group.totalLag,
            maxTimeLagMs: group.maxTimeLagMs,
            complete: group.complete,
            partitions: toRecords(columns, group.partitions),
          }),
        },
        null,
        2,
      ),
    );
    return exitCode;
  }
  // Monitoring plugins read the first line: the verdict and why.
  io.out(`${outcome.verdict}: ${outcome.message}`);
  if (group && group.partitions.length > 0) io.out(`\n${formatTable(columns, group.partitions)}`);
  return exitCode;
}

function wholeNumber(option: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${option} ${text}: expected a whole number >= 1`);
  return value;
}
