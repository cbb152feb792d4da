import { jobSpecJsonSchema } from '../../spec/index.js';
import type { CliIo } from '../cli-io.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

/** `sluice schema`: the job spec's JSON Schema, for editors and other tools. */
export function schemaCommand(io: CliIo): ExitCode {
  io.out(JSON.stringify(jobSpecJsonSchema(), null, 2));
  return EXIT.ok;
}
