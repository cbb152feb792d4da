import { SluiceError } from '../errors/index.js';

/** A sink or dead-letter file that cannot be opened or written: a full disk has a hint of its own. */
export function fileError(message: string, cause: unknown): SluiceError {
  const code = (cause as NodeJS.ErrnoException).code;
  return new SluiceError(`${message}: ${(cause as Error).message}`, {
    hintId: code === 'ENOSPC' ? 'disk-full' : 'file-access',
    retriable: false,
    cause,
  });
}
