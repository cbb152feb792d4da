import kafkajs from 'kafkajs';
import type { HintId } from './hint-ids.js';
import type { ErrorKind } from './protocol-errors.js';

// kafkajs is CommonJS and spreads its error classes into module.exports, which Node's ESM
// loader cannot see as named exports: take them from the default export.
const k = kafkajs;
// Exported at run time but missing from kafkajs 2.2.4's type declarations.
const untyped = kafkajs as unknown as { KafkaJSNoBrokerAvailableError: typeof k.KafkaJSError };

export interface ClientErrorRow {
  errorClass: abstract new (...args: never[]) => Error;
  hintId: HintId;
  retriable: boolean;
  kind: ErrorKind;
}

// Client-side kafkajs errors that carry no protocol `type`, matched with instanceof.
// First match wins, so subclasses come before the classes they extend (KafkaJSConnectionClosedError
// is a KafkaJSConnectionError and needs no row of its own).
export const CLIENT_ERRORS: readonly ClientErrorRow[] = [
  { errorClass: k.KafkaJSSASLAuthenticationError, hintId: 'sasl-auth', retriable: false, kind: 'auth' },
  { errorClass: k.KafkaJSConnectionError, hintId: 'broker-unreachable', retriable: true, kind: 'connection' },
  {
    errorClass: untyped.KafkaJSNoBrokerAvailableError,
    hintId: 'broker-unreachable',
    retriable: true,
    kind: 'connection',
  },
  { errorClass: k.KafkaJSBrokerNotFound, hintId: 'broker-unreachable', retriable: true, kind: 'connection' },
  { errorClass: k.KafkaJSRequestTimeoutError, hintId: 'request-timeout', retriable: true, kind: 'timeout' },
  { errorClass: k.KafkaJSLockTimeout, hintId: 'request-timeout', retriable: true, kind: 'timeout' },
  { errorClass: k.KafkaJSTimeout, hintId: 'request-timeout', retriable: true, kind: 'timeout' },
  { errorClass: k.KafkaJSTopicMetadataNotLoaded, hintId: 'topic-missing', retriable: false, kind: 'topic' },
  { errorClass: k.KafkaJSStaleTopicMetadataAssignment, hintId: 'leader-election', retriable: true, kind: 'kafka' },
  { errorClass: k.KafkaJSGroupCoordinatorNotFound, hintId: 'coordinator-unavailable', retriable: true, kind: 'kafka' },
  { errorClass: k.KafkaJSServerDoesNotSupportApiKey, hintId: 'broker-version', retriable: false, kind: 'kafka' },
  { errorClass: k.KafkaJSPartialMessageError, hintId: 'corrupt-record', retriable: false, kind: 'kafka' },
  { errorClass: k.KafkaJSUnsupportedMagicByteInMessageSet, hintId: 'corrupt-record', retriable: false, kind: 'kafka' },
];

export const KafkaJSError = k.KafkaJSError;
export const KafkaJSProtocolError = k.KafkaJSProtocolError;
export const KafkaJSNumberOfRetriesExceeded = k.KafkaJSNumberOfRetriesExceeded;
export const KafkaJSAggregateError = k.KafkaJSAggregateError;
