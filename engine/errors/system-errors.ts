import type { HintId } from './hint-ids.js';
import type { ErrorKind } from './protocol-errors.js';

export interface SystemErrorRow {
  hintId: HintId;
  retriable: boolean;
  kind: ErrorKind;
}

const unreachable: SystemErrorRow = { hintId: 'broker-unreachable', retriable: true, kind: 'connection' };
const tls: SystemErrorRow = { hintId: 'tls', retriable: false, kind: 'connection' };
const fileAccess: SystemErrorRow = { hintId: 'file-access', retriable: false, kind: 'io' };

// Node's `error.code` for sockets, TLS and files. kafkajs copies the socket's code onto
// KafkaJSConnectionError, so the same table explains a broker connection that failed.
export const SYSTEM_ERRORS: Readonly<Record<string, SystemErrorRow>> = {
  ECONNREFUSED: unreachable,
  ECONNRESET: unreachable,
  ENOTFOUND: unreachable,
  EAI_AGAIN: unreachable,
  EHOSTUNREACH: unreachable,
  ENETUNREACH: unreachable,
  ETIMEDOUT: unreachable,
  EPIPE: unreachable,
  EPROTO: tls,
  ERR_SSL_WRONG_VERSION_NUMBER: tls,
  ERR_TLS_CERT_ALTNAME_INVALID: tls,
  DEPTH_ZERO_SELF_SIGNED_CERT: tls,
  SELF_SIGNED_CERT_IN_CHAIN: tls,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: tls,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: tls,
  CERT_HAS_EXPIRED: tls,
  CERT_NOT_YET_VALID: tls,
  EACCES: fileAccess,
  EPERM: fileAccess,
  EROFS: fileAccess,
  ENOENT: fileAccess,
  EISDIR: fileAccess,
  ENOTDIR: fileAccess,
  ENOSPC: { hintId: 'disk-full', retriable: false, kind: 'io' },
  EDQUOT: { hintId: 'disk-full', retriable: false, kind: 'io' },
};
