import { CommanderError } from 'commander';
import { processIo } from './cli-io.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { createProgram } from './program.js';
import { reportFailure } from './report-failure.js';

async function main(argv: string[]): Promise<ExitCode> {
  let exitCode: ExitCode = EXIT.ok;
  const program = createProgram(processIo, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    // Commander's own outcomes: --help and --version exit 0; every parse error (and help shown
    // because the command was missing) is a usage error.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    return reportFailure(processIo, error);
  }
}

// A rejection nobody awaited is a bug, but the operator still gets one line and exit 1, not a
// stack dump that hides the message.
process.on('unhandledRejection', (reason) => process.exit(reportFailure(processIo, reason)));

// Exit explicitly once output is flushed: a client socket or timer left behind by a failed
// connection must not keep a finished command alive. (No top-level await: the bundle is CommonJS.)
void main(process.argv).then((code) => {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
});
