import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { registerLagCheck, type Act } from './lag-check.js';
import { registerLagWatch } from './lag-watch.js';

/** `sluice lag ...`: consumer group lag with Burrow's rules (`check` reads the history `watch` writes). */
export function registerLagCommands(program: Command, io: CliIo, act: Act, stateDirHelp: string): void {
  const lag = program.command('lag').description("consumer group lag with Burrow's rules, and its history");

  registerLagWatch(lag, io, act, stateDirHelp);
  registerLagCheck(lag, io, act, stateDirHelp);
}
