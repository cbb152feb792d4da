import { SluiceError } from '../errors/index.js';

/** What `sluice` exits with; scripts branch on these. */
export const EXIT = {
  ok: 0,
  /** The command was right but the work failed: a broker, a file, the job itself. */
  failure: 1,
  /** The input was wrong: usage, an unreadable or invalid job spec, an unknown checkpoint. */
  usage: 2,
  /** `sluice lag check` only: no verdict (no or stale history), Nagios' UNKNOWN; 0/1/2 are its OK/WARN/ERR. */
  unknown: 3,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Invalid input from the command line: printed as is and exits 2. */
export class UsageError extends SluiceError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { hintId: 'spec-invalid', retriable: false, ...options });
  }
}
