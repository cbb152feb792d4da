// Stable ids that the troubleshooting catalogue, the UI and the CLI key on. Renaming one breaks
// those lookups and saved reports, so ids are only ever added.
export const HINT_IDS = [
  'leader-election',
  'topic-missing',
  'broker-unreachable',
  'broker-version',
  'record-too-large',
  'not-enough-replicas',
  'request-timeout',
  'offset-out-of-range',
  'producer-fenced',
  'transaction-state',
  'out-of-order-sequence',
  'coordinator-unavailable',
  'rebalance',
  'authorization-denied',
  'sasl-auth',
  'tls',
  'invalid-config',
  'corrupt-record',
  'storage-error',
  'checkpoint-corrupt',
  'checkpoint-io',
  'checkpoint-version',
  'checkpoint-missing',
  'state-dir-unwritable',
  'file-access',
  'disk-full',
  'spec-invalid',
  'unknown',
] as const;

export type HintId = (typeof HINT_IDS)[number];
