import { classifyError } from '../errors/index.js';
import type { CliIo } from './cli-io.js';
import { EXIT, UsageError, type ExitCode } from './exit-codes.js';

// Hints that mean the operator's input, not the world, is wrong.
const USAGE_HINTS: ReadonlySet<string> = new Set(['spec-invalid', 'checkpoint-missing']);

/**
 * One line an operator can act on: what failed, and the hint id the troubleshooting catalogue
 * explains (`sluice: ... [hint: broker-unreachable, retriable]`). Exit 2 for bad input, else 1.
 */
export function reportFailure(io: CliIo, error: unknown, usageHints: ReadonlySet<string> = USAGE_HINTS): ExitCode {
  if (error instanceof UsageError) {
    io.err(`sluice: ${error.message}`);
    return EXIT.usage;
  }
  const classified = classifyError(error);
  const retriable = classified.retriable ? ', retriable' : '';
  const message = classified.message.replace(/\s*\n\s*/g, ' ');
  io.err(`sluice: ${message} [hint: ${classified.hintId}${retriable}]`);
  if (io.env['SLUICE_DEBUG'] && error instanceof Error && error.stack) io.err(error.stack);
  return usageHints.has(classified.hintId) ? EXIT.usage : EXIT.failure;
}
