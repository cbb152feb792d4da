import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import type { ExitCode } from '../exit-codes.js';
import { registerLagCheck } from './lag-check.js';

type Act = <A extends unknown[]>(
  handler: (...args: A) => Promise<ExitCode> | ExitCode,
) => (...args: A) => Promise<void>;

/** `sluice lag ...`: consumer group lag monitoring (`check` here; `watch` beside it). */
export function registerLagCommands(program: Command, io: CliIo, act: Act, stateDirHelp: string): void {
  const lag = program
    .command('lag')
    .description("consumer group lag with Burrow's rules: evaluate a group from the stored history");
  registerLagCheck(lag, io, act, stateDirHelp);
}
