import type { Logger } from '../../job/index.js';
import type { CliIo } from '../cli-io.js';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];
// How engine/job/kafka-clients.ts prefixes the client's log lines.
const KAFKAJS_PREFIX = '[kafkajs ';

/**
 * The engine's logger for `sluice run`: warnings and errors always, info and debug with
 * `SLUICE_LOG=info|debug`. `beforeLine` lets the live progress line get out of the way first.
 */
export function stderrLogger(io: CliIo, beforeLine: () => void = () => undefined): Logger {
  const wanted = (io.env['SLUICE_LOG'] ?? 'warn').toLowerCase();
  const threshold = Math.max(0, LEVELS.indexOf(wanted as Level));
  const log = (level: Level) => (message: string, extra?: Record<string, unknown>) => {
    // kafkajs warns about every retried request (a coordinator still loading, a leader moving);
    // failures that matter reach the operator as job errors, so its chatter is info here.
    const effective = level === 'warn' && message.startsWith(KAFKAJS_PREFIX) ? 'info' : level;
    if (LEVELS.indexOf(effective) < threshold) return;
    beforeLine();
    const detail = extra && Object.keys(extra).length > 0 && threshold === 0 ? ` ${JSON.stringify(extra)}` : '';
    io.err(`${level}: ${message}${detail}`);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
