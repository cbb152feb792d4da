import { z } from 'zod';
import {
  CLIENT_ERRORS,
  KafkaJSAggregateError,
  KafkaJSError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
} from './kafkajs-errors.js';
import type { HintId } from './hint-ids.js';
import { protocolErrorByCode, protocolErrorByType, type ErrorKind } from './protocol-errors.js';
import {
  AuthenticationError,
  ConfigError,
  ConnectionError,
  KafkaError,
  OffsetOutOfRangeError,
  ProducerFencedError,
  SluiceError,
  TimeoutError,
  TopicNotFoundError,
  type SluiceErrorOptions,
} from './sluice-error.js';
import { SYSTEM_ERRORS } from './system-errors.js';

const ERROR_CLASSES: Record<ErrorKind, new (message: string, options: SluiceErrorOptions) => SluiceError> = {
  kafka: KafkaError,
  connection: ConnectionError,
  auth: AuthenticationError,
  topic: TopicNotFoundError,
  offset: OffsetOutOfRangeError,
  fenced: ProducerFencedError,
  timeout: TimeoutError,
  config: ConfigError,
  io: SluiceError,
};

interface Verdict {
  kind: ErrorKind;
  hintId: HintId;
  retriable: boolean;
  details: Record<string, unknown>;
}

// kafkajs 2.2.4 turns protocol codes it does not know into this type and keeps the code only
// in the message it builds itself ("Unknown error code 90"); that fixed format is the one place
// the code survives, so it is read back from there.
const UNKNOWN_CODE_TYPE = 'KAFKAJS_UNKNOWN_ERROR_CODE';
const UNKNOWN_CODE_MESSAGE = /^Unknown error code (-?\d+)$/;

const MAX_DEPTH = 8;

/** Maps anything thrown by kafkajs, Node, zod or the engine onto the SluiceError taxonomy. */
export function classifyError(error: unknown): SluiceError {
  if (error instanceof SluiceError) return error;
  const verdict = judge(error, 0) ?? { kind: 'io', hintId: 'unknown', retriable: false, details: {} };
  if (verdict.kind === 'io' && verdict.hintId === 'unknown' && error instanceof KafkaJSError) {
    verdict.retriable = (error as { retriable?: boolean }).retriable === true;
  }
  const options: SluiceErrorOptions = { hintId: verdict.hintId, retriable: verdict.retriable, cause: error };
  if (Object.keys(verdict.details).length > 0) options.details = verdict.details;
  return new ERROR_CLASSES[verdict.kind](messageOf(error), options);
}

function judge(error: unknown, depth: number): Verdict | undefined {
  if (depth > MAX_DEPTH || typeof error !== 'object' || error === null) return undefined;
  if (error instanceof SluiceError) {
    return { kind: kindOf(error), hintId: error.hintId, retriable: error.retriable, details: { ...error.details } };
  }
  if (error instanceof z.ZodError) return { kind: 'config', hintId: 'spec-invalid', retriable: false, details: {} };

  // Retries already spent on a cause: the cause says what went wrong.
  if (error instanceof KafkaJSNumberOfRetriesExceeded) {
    const inner = judge(error.cause, depth + 1);
    const retryCount = (error as { retryCount?: number }).retryCount;
    if (inner) return { ...inner, details: { ...inner.details, retryCount } };
  }
  if (error instanceof KafkaJSAggregateError) {
    const first = (error as { errors?: unknown[] }).errors?.[0];
    const inner = judge(first, depth + 1);
    if (inner) return inner;
  }

  if (error instanceof KafkaJSProtocolError) return judgeProtocol(error as ProtocolLike);

  const code = (error as { code?: unknown }).code;
  const system = typeof code === 'string' ? SYSTEM_ERRORS[code] : undefined;
  const broker = (error as { broker?: unknown }).broker;
  const withBroker = (details: Record<string, unknown>) =>
    typeof broker === 'string' ? { ...details, broker } : details;

  for (const row of CLIENT_ERRORS) {
    if (error instanceof row.errorClass) {
      // A connection error's socket code is more precise than its class (TLS vs refused).
      if (system) return { ...system, details: withBroker({ code }) };
      return { kind: row.kind, hintId: row.hintId, retriable: row.retriable, details: withBroker({}) };
    }
  }
  if (system) return { ...system, details: { code } };

  // Wrappers of our own or of callers: the cause carries the meaning.
  const cause = (error as { cause?: unknown }).cause;
  if (cause !== undefined && cause !== error) return judge(cause, depth + 1);
  return undefined;
}

interface ProtocolLike {
  type?: string;
  code?: number;
  message: string;
  retriable?: boolean;
  topic?: string;
  partition?: number;
}

function judgeProtocol(error: ProtocolLike): Verdict {
  let row = error.type === undefined ? undefined : protocolErrorByType.get(error.type);
  let code = error.code;
  if (!row && error.type === UNKNOWN_CODE_TYPE) {
    const match = UNKNOWN_CODE_MESSAGE.exec(error.message);
    if (match) code = Number(match[1]);
    row = code === undefined ? undefined : protocolErrorByCode.get(code);
  }
  const details: Record<string, unknown> = { type: row?.type ?? error.type, code };
  if (error.topic !== undefined) details.topic = error.topic;
  if (error.partition !== undefined) details.partition = error.partition;
  if (row) return { kind: row.kind, hintId: row.hintId, retriable: row.retriable, details };
  return { kind: 'kafka', hintId: 'unknown', retriable: error.retriable === true, details };
}

function kindOf(error: SluiceError): ErrorKind {
  for (const [kind, errorClass] of Object.entries(ERROR_CLASSES) as [ErrorKind, typeof SluiceError][]) {
    if (errorClass !== SluiceError && error instanceof errorClass) return kind;
  }
  return 'io';
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
