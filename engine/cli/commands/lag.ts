import type { Command } from 'commander';
import { LAG_DEFAULTS } from '../../lag/lag-status.js';
import type { CliIo } from '../cli-io.js';
import type { ExitCode } from '../exit-codes.js';
import { lagCheckCommand, STALE_INTERVALS, type LagCheckOptions } from './lag-check.js';

type Act = <A extends unknown[]>(
  handler: (...args: A) => Promise<ExitCode> | ExitCode,
) => (...args: A) => Promise<void>;

/** `sluice lag ...`: consumer group lag with Burrow's rules (`check` reads the history `watch` writes). */
export function registerLagCommands(program: Command, io: CliIo, act: Act, stateDirHelp: string): void {
  const lag = program.command('lag').description("consumer group lag with Burrow's rules, and its history");

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
