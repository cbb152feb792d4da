import type { HintId } from './hint-ids.js';

/** Which SluiceError subclass a classified error becomes. */
export type ErrorKind = 'kafka' | 'connection' | 'auth' | 'topic' | 'offset' | 'fenced' | 'timeout' | 'config' | 'io';

export interface ProtocolErrorRow {
  /** Kafka protocol error name as kafkajs spells it in `error.type`. */
  type: string;
  code: number;
  hintId: HintId;
  /** Whether restarting the job may help; may differ from the client's per-request view. */
  retriable: boolean;
  kind: ErrorKind;
}

// Kafka protocol errors the engine can meet, keyed by type and code. Errors not listed keep the
// client's own `retriable` and the `unknown` hint. Codes above 88 are newer than kafkajs 2.2.4's
// table and reach us as KAFKAJS_UNKNOWN_ERROR_CODE; listing them lets classify() still name them.
export const PROTOCOL_ERRORS: readonly ProtocolErrorRow[] = [
  { type: 'OFFSET_OUT_OF_RANGE', code: 1, hintId: 'offset-out-of-range', retriable: false, kind: 'offset' },
  { type: 'CORRUPT_MESSAGE', code: 2, hintId: 'corrupt-record', retriable: true, kind: 'kafka' },
  // Also what a broker answers for a topic that does not exist; the source checks existence
  // up front, so here it most often means metadata is stale during a leader election.
  { type: 'UNKNOWN_TOPIC_OR_PARTITION', code: 3, hintId: 'leader-election', retriable: true, kind: 'kafka' },
  { type: 'LEADER_NOT_AVAILABLE', code: 5, hintId: 'leader-election', retriable: true, kind: 'kafka' },
  { type: 'NOT_LEADER_FOR_PARTITION', code: 6, hintId: 'leader-election', retriable: true, kind: 'kafka' },
  { type: 'NOT_LEADER_OR_FOLLOWER', code: 6, hintId: 'leader-election', retriable: true, kind: 'kafka' },
  { type: 'REQUEST_TIMED_OUT', code: 7, hintId: 'request-timeout', retriable: true, kind: 'timeout' },
  { type: 'BROKER_NOT_AVAILABLE', code: 8, hintId: 'broker-unreachable', retriable: true, kind: 'connection' },
  { type: 'REPLICA_NOT_AVAILABLE', code: 9, hintId: 'leader-election', retriable: true, kind: 'kafka' },
  { type: 'MESSAGE_TOO_LARGE', code: 10, hintId: 'record-too-large', retriable: false, kind: 'kafka' },
  { type: 'NETWORK_EXCEPTION', code: 13, hintId: 'broker-unreachable', retriable: true, kind: 'connection' },
  { type: 'GROUP_LOAD_IN_PROGRESS', code: 14, hintId: 'coordinator-unavailable', retriable: true, kind: 'kafka' },
  {
    type: 'GROUP_COORDINATOR_NOT_AVAILABLE',
    code: 15,
    hintId: 'coordinator-unavailable',
    retriable: true,
    kind: 'kafka',
  },
  { type: 'NOT_COORDINATOR_FOR_GROUP', code: 16, hintId: 'coordinator-unavailable', retriable: true, kind: 'kafka' },
  { type: 'INVALID_TOPIC_EXCEPTION', code: 17, hintId: 'topic-missing', retriable: false, kind: 'topic' },
  { type: 'RECORD_LIST_TOO_LARGE', code: 18, hintId: 'record-too-large', retriable: false, kind: 'kafka' },
  { type: 'NOT_ENOUGH_REPLICAS', code: 19, hintId: 'not-enough-replicas', retriable: true, kind: 'kafka' },
  { type: 'NOT_ENOUGH_REPLICAS_AFTER_APPEND', code: 20, hintId: 'not-enough-replicas', retriable: true, kind: 'kafka' },
  { type: 'INVALID_REQUIRED_ACKS', code: 21, hintId: 'invalid-config', retriable: false, kind: 'config' },
  { type: 'ILLEGAL_GENERATION', code: 22, hintId: 'rebalance', retriable: true, kind: 'kafka' },
  { type: 'UNKNOWN_MEMBER_ID', code: 25, hintId: 'rebalance', retriable: true, kind: 'kafka' },
  { type: 'REBALANCE_IN_PROGRESS', code: 27, hintId: 'rebalance', retriable: true, kind: 'kafka' },
  { type: 'TOPIC_AUTHORIZATION_FAILED', code: 29, hintId: 'authorization-denied', retriable: false, kind: 'auth' },
  { type: 'GROUP_AUTHORIZATION_FAILED', code: 30, hintId: 'authorization-denied', retriable: false, kind: 'auth' },
  { type: 'CLUSTER_AUTHORIZATION_FAILED', code: 31, hintId: 'authorization-denied', retriable: false, kind: 'auth' },
  { type: 'INVALID_TIMESTAMP', code: 32, hintId: 'invalid-config', retriable: false, kind: 'kafka' },
  { type: 'UNSUPPORTED_SASL_MECHANISM', code: 33, hintId: 'sasl-auth', retriable: false, kind: 'auth' },
  { type: 'ILLEGAL_SASL_STATE', code: 34, hintId: 'sasl-auth', retriable: false, kind: 'auth' },
  { type: 'UNSUPPORTED_VERSION', code: 35, hintId: 'broker-version', retriable: false, kind: 'kafka' },
  { type: 'INVALID_PARTITIONS', code: 37, hintId: 'invalid-config', retriable: false, kind: 'config' },
  { type: 'INVALID_REPLICATION_FACTOR', code: 38, hintId: 'not-enough-replicas', retriable: false, kind: 'config' },
  { type: 'INVALID_CONFIG', code: 40, hintId: 'invalid-config', retriable: false, kind: 'config' },
  { type: 'NOT_CONTROLLER', code: 41, hintId: 'leader-election', retriable: true, kind: 'kafka' },
  { type: 'OUT_OF_ORDER_SEQUENCE_NUMBER', code: 45, hintId: 'out-of-order-sequence', retriable: false, kind: 'kafka' },
  { type: 'INVALID_PRODUCER_EPOCH', code: 47, hintId: 'producer-fenced', retriable: false, kind: 'fenced' },
  { type: 'INVALID_TXN_STATE', code: 48, hintId: 'transaction-state', retriable: false, kind: 'kafka' },
  { type: 'INVALID_PRODUCER_ID_MAPPING', code: 49, hintId: 'transaction-state', retriable: true, kind: 'kafka' },
  { type: 'INVALID_TRANSACTION_TIMEOUT', code: 50, hintId: 'invalid-config', retriable: false, kind: 'config' },
  { type: 'CONCURRENT_TRANSACTIONS', code: 51, hintId: 'transaction-state', retriable: true, kind: 'kafka' },
  { type: 'TRANSACTION_COORDINATOR_FENCED', code: 52, hintId: 'producer-fenced', retriable: false, kind: 'fenced' },
  {
    type: 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
    code: 53,
    hintId: 'authorization-denied',
    retriable: false,
    kind: 'auth',
  },
  { type: 'KAFKA_STORAGE_ERROR', code: 56, hintId: 'storage-error', retriable: true, kind: 'kafka' },
  { type: 'SASL_AUTHENTICATION_FAILED', code: 58, hintId: 'sasl-auth', retriable: false, kind: 'auth' },
  { type: 'UNKNOWN_PRODUCER_ID', code: 59, hintId: 'transaction-state', retriable: true, kind: 'kafka' },
  { type: 'FETCH_SESSION_ID_NOT_FOUND', code: 70, hintId: 'request-timeout', retriable: true, kind: 'kafka' },
  { type: 'LISTENER_NOT_FOUND', code: 72, hintId: 'broker-unreachable', retriable: true, kind: 'connection' },
  { type: 'FENCED_LEADER_EPOCH', code: 74, hintId: 'leader-election', retriable: true, kind: 'kafka' },
  { type: 'UNKNOWN_LEADER_EPOCH', code: 75, hintId: 'leader-election', retriable: true, kind: 'kafka' },
  { type: 'OFFSET_NOT_AVAILABLE', code: 78, hintId: 'leader-election', retriable: true, kind: 'kafka' },
  { type: 'PREFERRED_LEADER_NOT_AVAILABLE', code: 80, hintId: 'leader-election', retriable: true, kind: 'kafka' },
  { type: 'ELIGIBLE_LEADERS_NOT_AVAILABLE', code: 83, hintId: 'leader-election', retriable: true, kind: 'kafka' },
  { type: 'INVALID_RECORD', code: 87, hintId: 'corrupt-record', retriable: false, kind: 'kafka' },
  { type: 'UNSTABLE_OFFSET_COMMIT', code: 88, hintId: 'transaction-state', retriable: true, kind: 'kafka' },
  { type: 'PRODUCER_FENCED', code: 90, hintId: 'producer-fenced', retriable: false, kind: 'fenced' },
  { type: 'TRANSACTIONAL_ID_NOT_FOUND', code: 105, hintId: 'transaction-state', retriable: false, kind: 'kafka' },
];

export const protocolErrorByType: ReadonlyMap<string, ProtocolErrorRow> = new Map(
  PROTOCOL_ERRORS.map((row) => [row.type, row]),
);
// First row per code wins, so the spelling kafkajs uses is the one reported.
export const protocolErrorByCode: ReadonlyMap<number, ProtocolErrorRow> = new Map(
  [...PROTOCOL_ERRORS].reverse().map((row) => [row.code, row]),
);
