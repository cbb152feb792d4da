import type { HintId } from './hint-ids.js';

export interface SluiceErrorOptions {
  retriable?: boolean;
  hintId?: HintId;
  cause?: unknown;
  details?: Record<string, unknown>;
}

/**
 * Every failure the engine reports. `retriable` says whether restarting the job may help;
 * `hintId` keys the troubleshooting catalogue; `details` carries data (topic, broker, type)
 * so no reader has to parse the message.
 */
export class SluiceError extends Error {
  readonly retriable: boolean;
  readonly hintId: HintId;
  override readonly cause?: unknown;
  readonly details?: Record<string, unknown>;

  constructor(message: string, options: SluiceErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.retriable = options.retriable ?? false;
    this.hintId = options.hintId ?? 'unknown';
    if (options.cause !== undefined) this.cause = options.cause;
    if (options.details !== undefined) this.details = options.details;
  }
}

// Subclasses fix the defaults that hold for their kind; a caller may still refine the hint
// (a ConnectionError may be `tls` rather than `broker-unreachable`).
type Defaults = Required<Pick<SluiceErrorOptions, 'retriable' | 'hintId'>>;
const withDefaults = (defaults: Defaults, options: SluiceErrorOptions): SluiceErrorOptions => ({
  ...defaults,
  ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
});

export class ConfigError extends SluiceError {
  constructor(message: string, options: SluiceErrorOptions = {}) {
    super(message, withDefaults({ retriable: false, hintId: 'spec-invalid' }, options));
  }
}

export class ConnectionError extends SluiceError {
  constructor(message: string, options: SluiceErrorOptions = {}) {
    super(message, withDefaults({ retriable: true, hintId: 'broker-unreachable' }, options));
  }
}

export class AuthenticationError extends SluiceError {
  constructor(message: string, options: SluiceErrorOptions = {}) {
    super(message, withDefaults({ retriable: false, hintId: 'sasl-auth' }, options));
  }
}

export class TopicNotFoundError extends SluiceError {
  constructor(message: string, options: SluiceErrorOptions = {}) {
    super(message, withDefaults({ retriable: false, hintId: 'topic-missing' }, options));
  }
}

export class OffsetOutOfRangeError extends SluiceError {
  constructor(message: string, options: SluiceErrorOptions = {}) {
    super(message, withDefaults({ retriable: false, hintId: 'offset-out-of-range' }, options));
  }
}

export class ProducerFencedError extends SluiceError {
  constructor(message: string, options: SluiceErrorOptions = {}) {
    super(message, withDefaults({ retriable: false, hintId: 'producer-fenced' }, options));
  }
}

export class TimeoutError extends SluiceError {
  constructor(message: string, options: SluiceErrorOptions = {}) {
    super(message, withDefaults({ retriable: true, hintId: 'request-timeout' }, options));
  }
}

/** A broker answered with a protocol error that has no more specific class here. */
export class KafkaError extends SluiceError {
  constructor(message: string, options: SluiceErrorOptions = {}) {
    super(message, withDefaults({ retriable: false, hintId: 'unknown' }, options));
  }
}

export class CheckpointError extends SluiceError {
  constructor(message: string, options: SluiceErrorOptions = {}) {
    super(message, withDefaults({ retriable: false, hintId: 'checkpoint-corrupt' }, options));
  }
}
