import { classifyError, type SluiceError, type SluiceErrorOptions } from '../errors/index.js';

/**
 * Classifies an error and puts what the engine was doing in front of its message ("cannot reach
 * the source cluster at host:9092: ..."), keeping its class, hint and retriability.
 */
export function withContext(context: string, error: unknown): SluiceError {
  const classified = classifyError(error);
  const SameClass = classified.constructor as new (message: string, options: SluiceErrorOptions) => SluiceError;
  const options: SluiceErrorOptions = {
    retriable: classified.retriable,
    hintId: classified.hintId,
    cause: classified.cause ?? error,
  };
  if (classified.details !== undefined) options.details = classified.details;
  return new SameClass(`${context}: ${classified.message}`, options);
}
