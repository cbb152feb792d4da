import type { CliIo } from '../cli-io.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { invalidSpecMessage, readJobSpec } from '../read-job-spec.js';

/** `sluice validate job.json`: every problem at once, as `path: message`, exit 2 if any. */
export async function validateCommand(io: CliIo, file: string): Promise<ExitCode> {
  const reading = await readJobSpec(file);
  if (!reading.ok) {
    io.err(`sluice: ${invalidSpecMessage(file, reading.problems)}`);
    return EXIT.usage;
  }
  io.out(`${file}: valid (job "${reading.spec.name}")`);
  return EXIT.ok;
}
