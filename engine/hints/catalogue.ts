import type { HintId } from '../errors/hint-ids.js';
import type { HintEntry } from './catalogue-schema.js';

// The troubleshooting catalogue: what each hint id means, how the engine recognises it, and what
// to do. Data only (no functions), checked against catalogue-schema.ts by catalogue.spec.ts, which
// also holds it to the classification tables in engine/errors so the two cannot drift.
// Setting names and values go in `backticks`.

const KAFKA = 'https://kafka.apache.org/documentation/';

export const HINT_CATALOGUE: readonly HintEntry[] = [
  {
    id: 'leader-election',
    title: 'Leader election in progress',
    cause:
      'A partition changed its leader, usually because a broker was restarted or stopped. Until clients ' +
      'refresh their metadata, brokers answer "not the leader" or "unknown topic or partition" (the ' +
      'UnknownTopicOrPartitionException of the Java client). The error is retriable: the client refreshes ' +
      'metadata and sends again, and if it still fails the job restarts from its last checkpoint.',
    matchers: {
      kafkaCodes: [
        'UNKNOWN_TOPIC_OR_PARTITION',
        'LEADER_NOT_AVAILABLE',
        'NOT_LEADER_FOR_PARTITION',
        'NOT_LEADER_OR_FOLLOWER',
        'REPLICA_NOT_AVAILABLE',
        'NOT_CONTROLLER',
        'FENCED_LEADER_EPOCH',
        'UNKNOWN_LEADER_EPOCH',
        'OFFSET_NOT_AVAILABLE',
        'PREFERRED_LEADER_NOT_AVAILABLE',
        'ELIGIBLE_LEADERS_NOT_AVAILABLE',
      ],
      kafkajsTypes: ['KafkaJSStaleTopicMetadataAssignment'],
      states: ['leader-changed'],
    },
    evidence: ['count', 'firstAt', 'lastAt', 'partitions', 'brokers', 'lastMessage'],
    retriable: true,
    remedy:
      'Usually nothing: it passes once the new leader is known. If jobs restart during broker restarts, raise ' +
      'the sink `retries` (Kafka `retries`). With retries and more than one request in flight, records may be ' +
      'reordered unless the producer is idempotent: keep `idempotent: true` (Kafka `enable.idempotence=true`) ' +
      'or set `maxInFlightRequests: 1` (`max.in.flight.requests.per.connection=1`). Restart brokers one at a ' +
      'time and wait until every partition is back in sync before the next.',
    severity: 'warning',
    docs: `${KAFKA}#replication`,
  },
  {
    id: 'topic-missing',
    title: 'Topic does not exist',
    cause:
      'The job names a topic the cluster does not have, and the broker does not create topics on demand ' +
      '(`auto.create.topics.enable=false`); Sluice never creates topics itself.',
    matchers: {
      kafkaCodes: ['INVALID_TOPIC_EXCEPTION'],
      kafkajsTypes: ['KafkaJSTopicMetadataNotLoaded'],
      states: ['topic-absent'],
    },
    evidence: ['count', 'firstAt', 'topics', 'lastMessage'],
    retriable: false,
    remedy:
      'Check the topic name for typos, or create the topic first (`kafka-topics.sh --create --topic <name> ' +
      '--partitions <n> --replication-factor 3`). Relying on `auto.create.topics.enable=true` creates topics ' +
      'with broker defaults (`num.partitions`, `default.replication.factor`), usually not what you want.',
    severity: 'critical',
    docs: `${KAFKA}#brokerconfigs_auto.create.topics.enable`,
  },
  {
    id: 'broker-unreachable',
    title: 'Broker unreachable',
    cause:
      'A TCP connection to a broker failed or was cut: the broker is down or restarting, the address or port ' +
      'is wrong, or a firewall is in the way.',
    matchers: {
      kafkaCodes: ['BROKER_NOT_AVAILABLE', 'NETWORK_EXCEPTION', 'LISTENER_NOT_FOUND'],
      kafkajsTypes: ['KafkaJSConnectionError', 'KafkaJSNoBrokerAvailableError', 'KafkaJSBrokerNotFound'],
      errnos: [
        'ECONNREFUSED',
        'ECONNRESET',
        'ENOTFOUND',
        'EAI_AGAIN',
        'EHOSTUNREACH',
        'ENETUNREACH',
        'ETIMEDOUT',
        'EPIPE',
      ],
      logMessages: ['Failed to connect to seed broker', 'Connection timeout'],
    },
    evidence: ['count', 'firstAt', 'lastAt', 'brokers', 'lastMessage'],
    retriable: true,
    remedy:
      'Check that the brokers run and that `bootstrapServers` (or the cluster profile) lists the right ' +
      'host:port. From the same machine, `kcat -L -b host:port` shows whether it answers. Behind a firewall or ' +
      "NAT, reach the cluster through the profile's SSH tunnel.",
    severity: 'warning',
    docs: 'README.md#cluster-profiles-and-ssh-tunnels',
  },
  {
    id: 'broker-version',
    title: 'Broker does not support a request',
    cause: 'The broker is older than the request Sluice (kafkajs) sent; some features need Kafka 0.11 or newer.',
    matchers: { kafkaCodes: ['UNSUPPORTED_VERSION'], kafkajsTypes: ['KafkaJSServerDoesNotSupportApiKey'] },
    evidence: ['count', 'brokers', 'lastMessage'],
    retriable: false,
    remedy:
      'Upgrade the brokers, or turn off the feature that needs the newer API (exactly-once needs ' +
      '`deliveryGuarantee` transactions, available from Kafka 0.11).',
    severity: 'critical',
    docs: `${KAFKA}#upgrade`,
  },
  {
    id: 'record-too-large',
    title: 'Record too large',
    cause:
      "A record (or a batch) is bigger than the broker or the topic accepts: the broker's `message.max.bytes`, " +
      "the topic's `max.message.bytes`, or the producer's `max.request.size`.",
    matchers: { kafkaCodes: ['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE'] },
    evidence: ['count', 'firstAt', 'topics', 'lastMessage'],
    retriable: false,
    remedy:
      "Raise the topic's `max.message.bytes` (for example `kafka-configs.sh --alter --entity-type topics " +
      "--entity-name <topic> --add-config max.message.bytes=2097152`) or the broker's `message.max.bytes`, " +
      'and the consumers\' `max.partition.fetch.bytes` to match; or shrink the records (`compression: "gzip"`, ' +
      'or drop fields with a `transform.map`).',
    severity: 'critical',
    docs: `${KAFKA}#topicconfigs_max.message.bytes`,
  },
  {
    id: 'not-enough-replicas',
    title: 'Not enough in-sync replicas',
    cause:
      'The topic has fewer in-sync replicas than its `min.insync.replicas`, so writes with `acks=all` are ' +
      'refused (NOT_ENOUGH_REPLICAS) or written but not acknowledged (NOT_ENOUGH_REPLICAS_AFTER_APPEND). ' +
      'Usually one or more brokers are down or lagging.',
    matchers: { kafkaCodes: ['NOT_ENOUGH_REPLICAS', 'NOT_ENOUGH_REPLICAS_AFTER_APPEND', 'INVALID_REPLICATION_FACTOR'] },
    evidence: ['count', 'firstAt', 'lastAt', 'partitions', 'brokers', 'lastMessage'],
    retriable: true,
    remedy:
      'Bring the missing brokers back and wait for the ISR to fill (`kafka-topics.sh --describe ' +
      '--under-replicated-partitions`). Do not lower `min.insync.replicas` or `acks` to get going: that trades ' +
      'this error for silent data loss.',
    severity: 'critical',
    docs: `${KAFKA}#topicconfigs_min.insync.replicas`,
  },
  {
    id: 'request-timeout',
    title: 'Request timed out',
    cause:
      'A broker did not answer within the request timeout: it is overloaded, replicating slowly under ' +
      '`acks=all`, or the network drops packets.',
    matchers: {
      kafkaCodes: ['REQUEST_TIMED_OUT', 'FETCH_SESSION_ID_NOT_FOUND'],
      kafkajsTypes: ['KafkaJSRequestTimeoutError', 'KafkaJSLockTimeout', 'KafkaJSTimeout'],
    },
    evidence: ['count', 'firstAt', 'lastAt', 'brokers', 'lastMessage'],
    retriable: true,
    remedy:
      "Check broker load and replication (`UnderReplicatedPartitions`, request latency). Raise the cluster's " +
      '`requestTimeoutMs` (Kafka `request.timeout.ms`) if the brokers are merely slow.',
    severity: 'warning',
    docs: `${KAFKA}#producerconfigs_request.timeout.ms`,
  },
  {
    id: 'offset-out-of-range',
    title: 'Offset out of range',
    cause:
      'The position to resume from is no longer in the log: retention (`retention.ms`, `retention.bytes`) or ' +
      'deleteRecords removed it, or the topic was recreated. The records in between are gone.',
    matchers: {
      kafkaCodes: ['OFFSET_OUT_OF_RANGE'],
      states: ['offset-reset'],
      logMessages: ['Offset out of range, resetting to default offset'],
    },
    evidence: ['count', 'firstAt', 'partitions', 'lastMessage'],
    retriable: false,
    remedy:
      'The hint says where each partition was reset to. To fail instead of skipping, use ' +
      '`startFrom.fallback: "none"` (Kafka `auto.offset.reset=none`); to lose less, raise the topic\'s ' +
      '`retention.ms` or keep the job from lagging that far behind.',
    severity: 'critical',
    docs: `${KAFKA}#consumerconfigs_auto.offset.reset`,
  },
  {
    id: 'producer-fenced',
    title: 'Producer fenced',
    cause:
      'Another producer with the same transactional id started (a second copy of the job, or a restart after a ' +
      "hang), or the transaction coordinator aborted this producer's transaction because it ran past " +
      '`transaction.timeout.ms`.',
    matchers: { kafkaCodes: ['INVALID_PRODUCER_EPOCH', 'TRANSACTION_COORDINATOR_FENCED', 'PRODUCER_FENCED'] },
    evidence: ['count', 'firstAt', 'lastAt', 'lastMessage'],
    retriable: false,
    remedy:
      'Run one copy of each exactly-once job, and give each job its own `transactionalIdPrefix`. Keep ' +
      '`transactionTimeoutMs` (`transaction.timeout.ms`) well above `checkpoint.intervalMs`.',
    severity: 'critical',
    docs: `${KAFKA}#producerconfigs_transactional.id`,
  },
  {
    id: 'transaction-state',
    title: 'Transaction in an unexpected state',
    cause:
      'The transaction coordinator rejected a step of a transaction: a previous transaction is still ' +
      'completing, the producer id expired, or offsets are pending in an open transaction.',
    matchers: {
      kafkaCodes: [
        'INVALID_TXN_STATE',
        'INVALID_PRODUCER_ID_MAPPING',
        'CONCURRENT_TRANSACTIONS',
        'UNKNOWN_PRODUCER_ID',
        'UNSTABLE_OFFSET_COMMIT',
        'TRANSACTIONAL_ID_NOT_FOUND',
      ],
    },
    evidence: ['count', 'firstAt', 'lastAt', 'lastMessage'],
    retriable: true,
    remedy:
      'Usually passes after a restart. If it repeats, check `transaction.max.timeout.ms` on the brokers and ' +
      "`transactional.id.expiration.ms`, and that no other process uses the job's `transactionalIdPrefix`.",
    severity: 'warning',
    docs: `${KAFKA}#semantics`,
  },
  {
    id: 'out-of-order-sequence',
    title: 'Out-of-order sequence number',
    cause:
      "The broker saw a gap in an idempotent producer's sequence numbers: records may have been lost, " +
      'typically after an unclean leader election or a truncated log.',
    matchers: { kafkaCodes: ['OUT_OF_ORDER_SEQUENCE_NUMBER'] },
    evidence: ['count', 'firstAt', 'partitions', 'brokers', 'lastMessage'],
    retriable: false,
    remedy:
      'Check the topic for data loss around the time shown. Keep `unclean.leader.election.enable=false`, ' +
      '`acks=all` and `min.insync.replicas` of at least 2.',
    severity: 'critical',
    docs: `${KAFKA}#producerconfigs_enable.idempotence`,
  },
  {
    id: 'coordinator-unavailable',
    title: 'Group coordinator unavailable',
    cause:
      'The broker that coordinates the consumer group is loading the group, moving, or down; common right ' +
      'after a broker restart.',
    matchers: {
      kafkaCodes: ['GROUP_LOAD_IN_PROGRESS', 'GROUP_COORDINATOR_NOT_AVAILABLE', 'NOT_COORDINATOR_FOR_GROUP'],
      kafkajsTypes: ['KafkaJSGroupCoordinatorNotFound'],
    },
    evidence: ['count', 'firstAt', 'lastAt', 'brokers', 'lastMessage'],
    retriable: true,
    remedy:
      'Usually passes within seconds. If it persists, check that `__consumer_offsets` has all its replicas ' +
      '(`offsets.topic.replication.factor` of 3 on a production cluster).',
    severity: 'warning',
    docs: `${KAFKA}#brokerconfigs_offsets.topic.replication.factor`,
  },
  {
    id: 'rebalance',
    title: 'Consumer group rebalancing',
    cause:
      'The group reassigns partitions: a member joined or left, or a member missed its heartbeats for ' +
      '`session.timeout.ms`, or processed a batch for longer than `max.poll.interval.ms`. Repeated rebalances ' +
      '(a storm) stall the job.',
    matchers: {
      kafkaCodes: ['ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID', 'REBALANCE_IN_PROGRESS'],
      states: ['group-rejoin'],
      logMessages: ['The group is rebalancing, re-joining', 'The coordinator is not aware of this member'],
    },
    evidence: ['count', 'firstAt', 'lastAt', 'lastMessage'],
    retriable: true,
    remedy:
      'Give each job its own `source.groupId` (two jobs in one group take partitions from each other). If ' +
      'processing is slow, lighten the `transform` or the sink; raise `session.timeout.ms` and keep ' +
      '`heartbeat.interval.ms` at a third of it.',
    severity: 'warning',
    docs: `${KAFKA}#consumerconfigs_session.timeout.ms`,
  },
  {
    id: 'authorization-denied',
    title: 'Not authorized',
    cause: "The cluster's ACLs do not allow this principal the operation (read, write, group or transactional id).",
    matchers: {
      kafkaCodes: [
        'TOPIC_AUTHORIZATION_FAILED',
        'GROUP_AUTHORIZATION_FAILED',
        'CLUSTER_AUTHORIZATION_FAILED',
        'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
      ],
    },
    evidence: ['count', 'topics', 'lastMessage'],
    retriable: false,
    remedy:
      'Ask the cluster administrator for the ACLs: `Read` on the source topics and the group, `Write` on the ' +
      'sink topic, and `Write` on the `transactionalIdPrefix` for exactly-once (`kafka-acls.sh --add`).',
    severity: 'critical',
    docs: `${KAFKA}#security_authz`,
  },
  {
    id: 'sasl-auth',
    title: 'SASL authentication failed',
    cause: 'The broker refused the username, password or mechanism, or the listener does not speak SASL at all.',
    matchers: {
      kafkaCodes: ['UNSUPPORTED_SASL_MECHANISM', 'ILLEGAL_SASL_STATE', 'SASL_AUTHENTICATION_FAILED'],
      kafkajsTypes: ['KafkaJSSASLAuthenticationError'],
    },
    evidence: ['count', 'firstAt', 'brokers', 'lastMessage'],
    retriable: false,
    remedy:
      "Check the profile's `sasl.mechanism` (the broker's `sasl.enabled.mechanisms`), username and password, " +
      'and that the port is a `SASL_PLAINTEXT` or `SASL_SSL` listener.',
    severity: 'critical',
    docs: `${KAFKA}#security_sasl`,
  },
  {
    id: 'tls',
    title: 'TLS handshake failed',
    cause:
      'The TLS connection could not be set up: the port is not a TLS listener, the certificate is self-signed ' +
      'or from an unknown CA, expired, or issued for another host name.',
    matchers: {
      errnos: [
        'EPROTO',
        'ERR_SSL_WRONG_VERSION_NUMBER',
        'ERR_TLS_CERT_ALTNAME_INVALID',
        'DEPTH_ZERO_SELF_SIGNED_CERT',
        'SELF_SIGNED_CERT_IN_CHAIN',
        'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
        'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
        'CERT_HAS_EXPIRED',
        'CERT_NOT_YET_VALID',
      ],
    },
    evidence: ['count', 'brokers', 'lastMessage'],
    retriable: false,
    remedy:
      "Give the profile the cluster's CA certificate (`tls.ca`), check the host name matches the certificate " +
      "(the broker's `advertised.listeners`), and that the port is an `SSL` or `SASL_SSL` listener.",
    severity: 'critical',
    docs: `${KAFKA}#security_ssl`,
  },
  {
    id: 'invalid-config',
    title: 'Setting rejected by the broker',
    cause:
      'The broker rejected a setting or a request the job made (acks, partitions, timestamps, transaction timeout).',
    matchers: {
      kafkaCodes: [
        'INVALID_REQUIRED_ACKS',
        'INVALID_TIMESTAMP',
        'INVALID_PARTITIONS',
        'INVALID_CONFIG',
        'INVALID_TRANSACTION_TIMEOUT',
      ],
    },
    evidence: ['count', 'topics', 'lastMessage'],
    retriable: false,
    remedy:
      "Read the message for the setting. `transactionTimeoutMs` must not exceed the broker's " +
      "`transaction.max.timeout.ms`; `writeTimestamp` needs timestamps within the topic's " +
      '`message.timestamp.difference.max.ms`.',
    severity: 'critical',
    docs: `${KAFKA}#configuration`,
  },
  {
    id: 'corrupt-record',
    title: 'Corrupt record',
    cause: 'A record failed its checksum or could not be decoded; a disk or network fault, or a broken producer.',
    matchers: {
      kafkaCodes: ['CORRUPT_MESSAGE', 'INVALID_RECORD'],
      kafkajsTypes: ['KafkaJSPartialMessageError', 'KafkaJSUnsupportedMagicByteInMessageSet'],
    },
    evidence: ['count', 'partitions', 'brokers', 'lastMessage'],
    retriable: false,
    remedy:
      'Find the offset with `kcat -C -t <topic> -p <partition> -o <offset> -c 1`. Skip it by starting the job ' +
      "from `specific-offsets` past it, and check the broker's disks.",
    severity: 'critical',
    docs: `${KAFKA}#log`,
  },
  {
    id: 'record-undecodable',
    title: 'Record does not decode',
    cause:
      "A record's key or value is not in the job's format (invalid JSON in a `json` job, for example), or a " +
      'transform could not evaluate on it. The record itself is intact in Kafka.',
    matchers: {},
    evidence: ['count', 'partitions', 'lastMessage'],
    retriable: false,
    remedy:
      'Read it with `kcat -C -t <topic> -p <partition> -o <offset> -c 1`. Set `source.onDecodeError` to ' +
      '`"skip"` (counted and logged) or `"dead-letter"` with `source.deadLetter` (the raw bytes and the error kept ' +
      'in a topic or a file), or read the field as `"string"` or `"bytes"`.',
    severity: 'critical',
    docs: 'README.md#records-that-do-not-decode',
  },
  {
    id: 'compression-mismatch',
    title: 'The broker recompresses what the job writes',
    cause:
      "The sink topic's `compression.type` names a codec other than the one the job's producer uses, so the " +
      'broker decompresses and recompresses every batch: broker CPU, and the end-to-end latency of each write.',
    matchers: {
      config: [
        [
          { setting: 'topic.compression.type', op: 'ne', value: 'producer' },
          { setting: 'topic.compression.type', op: 'ne-setting', value: 'compression.type' },
        ],
      ],
    },
    evidence: ['settings'],
    retriable: false,
    remedy:
      "Set `sink.compression` to the topic's codec, or the topic's `compression.type` to `producer` " +
      "(Kafka's default), which keeps what the producer sent.",
    severity: 'info',
    docs: 'https://kafka.apache.org/documentation/#topicconfigs_compression.type',
  },
  {
    id: 'job-memory-limit',
    title: 'The job ran out of memory',
    cause:
      'The job runs in a process of its own with a memory limit (`limits.memoryMb`); it needed more, so that ' +
      'process ended. The console and the other jobs were not affected.',
    matchers: {},
    evidence: ['count', 'lastMessage'],
    retriable: false,
    remedy:
      'Raise `limits.memoryMb` in the job spec, or make the records smaller: very large values, a map that ' +
      'builds large results, or many partitions read at once all cost memory.',
    severity: 'critical',
    docs: 'README.md#jobs-in-processes-of-their-own',
  },
  {
    id: 'job-host-exited',
    title: "The job's process ended unexpectedly",
    cause:
      'The process the job runs in exited without being asked to (killed from outside, or a crash in native ' +
      'code). The console and the other jobs were not affected; the job stopped at its last checkpoint.',
    matchers: {},
    evidence: ['count', 'lastMessage'],
    retriable: true,
    remedy:
      'Start the job again: it resumes from its last checkpoint. If it keeps ending this way, the message ' +
      "holds the process's last output; report it with the job spec.",
    severity: 'critical',
    docs: 'README.md#jobs-in-processes-of-their-own',
  },
  {
    id: 'storage-error',
    title: 'Broker storage error',
    cause: 'A broker cannot read or write a log directory (a failed disk or a full volume).',
    matchers: { kafkaCodes: ['KAFKA_STORAGE_ERROR'] },
    evidence: ['count', 'partitions', 'brokers', 'lastMessage'],
    retriable: true,
    remedy: "Check the broker's `log.dirs` volumes and its log. Leadership moves to other replicas meanwhile.",
    severity: 'critical',
    docs: `${KAFKA}#brokerconfigs_log.dirs`,
  },
  {
    id: 'checkpoint-corrupt',
    title: 'Checkpoint unreadable',
    cause: 'A checkpoint file is damaged or not a Sluice checkpoint (truncated write, edited by hand).',
    matchers: {},
    evidence: ['count', 'lastMessage'],
    retriable: false,
    remedy:
      'Restore from an older checkpoint (`sluice checkpoints <job>`, then `sluice restore <job> <id>`), or ' +
      "start without one by moving the job's `checkpoints/` directory away.",
    severity: 'critical',
    docs: 'README.md#jobs-sluice-run',
  },
  {
    id: 'checkpoint-io',
    title: 'Checkpoint could not be written',
    cause: 'Writing or renaming a checkpoint file failed.',
    matchers: {},
    evidence: ['count', 'lastMessage'],
    retriable: true,
    remedy: 'Check free space and permissions of the state directory (`--state-dir` or `SLUICE_STATE_DIR`).',
    severity: 'critical',
    docs: 'README.md#jobs-sluice-run',
  },
  {
    id: 'checkpoint-version',
    title: 'Checkpoint from another Sluice version',
    cause: 'The checkpoint was written by a newer Sluice, whose format this one does not read.',
    matchers: {},
    evidence: ['lastMessage'],
    retriable: false,
    remedy: 'Run the job with the Sluice version that wrote the checkpoint, or restore an older checkpoint.',
    severity: 'critical',
    docs: 'README.md#jobs-sluice-run',
  },
  {
    id: 'checkpoint-missing',
    title: 'Checkpoint not found',
    cause: 'The checkpoint asked for does not exist (removed by retention or by hand).',
    matchers: {},
    evidence: ['lastMessage'],
    retriable: false,
    remedy:
      'List what exists with `sluice checkpoints <job>` and restore one of those; raise `checkpoint.retain` to keep more.',
    severity: 'critical',
    docs: 'README.md#jobs-sluice-run',
  },
  {
    id: 'state-dir-unwritable',
    title: 'State directory not writable',
    cause: 'Sluice cannot create or write its state directory.',
    matchers: {},
    evidence: ['lastMessage'],
    retriable: false,
    remedy: 'Point `--state-dir` (or `SLUICE_STATE_DIR`) at a writable directory, or fix its permissions.',
    severity: 'critical',
    docs: 'README.md#jobs-sluice-run',
  },
  {
    id: 'file-access',
    title: 'File not accessible',
    cause: 'A file the job reads or writes is missing, a directory, or not permitted.',
    matchers: { errnos: ['EACCES', 'EPERM', 'EROFS', 'ENOENT', 'EISDIR', 'ENOTDIR'] },
    evidence: ['count', 'lastMessage'],
    retriable: false,
    remedy:
      "Check the path in the message (a file sink's `sink.path`, a key file, the state directory) and its permissions.",
    severity: 'critical',
    docs: 'README.md#jobs-sluice-run',
  },
  {
    id: 'disk-full',
    title: 'Disk full',
    cause: 'The volume of the state directory or of a file sink has no space (or quota) left.',
    matchers: { errnos: ['ENOSPC', 'EDQUOT'] },
    evidence: ['count', 'lastMessage'],
    retriable: false,
    remedy: 'Free space, lower `checkpoint.retain`, or move `--state-dir` / `sink.path` to a larger volume.',
    severity: 'critical',
    docs: 'README.md#jobs-sluice-run',
  },
  {
    id: 'spec-invalid',
    title: 'Job spec invalid',
    cause: 'The job definition does not pass validation.',
    matchers: {},
    evidence: ['lastMessage'],
    retriable: false,
    remedy: 'Run `sluice validate job.json`: it names each field that is wrong and why.',
    severity: 'critical',
    docs: 'README.md#jobs-sluice-run',
  },
  {
    id: 'unknown',
    title: 'Unrecognised error',
    cause: 'An error the catalogue has no entry for.',
    matchers: {},
    evidence: ['count', 'firstAt', 'lastAt', 'lastMessage'],
    retriable: false,
    remedy: 'Read the message and the log (`sluice run` writes it to stderr; the app to its log file).',
    severity: 'warning',
    docs: 'README.md#troubleshooting-hints',
  },
  {
    id: 'ssh-host-key-unknown',
    title: 'SSH host key not known',
    cause: 'The jump host presented a key Sluice has not been told to trust.',
    matchers: { sshFailures: ['host-key-unknown'] },
    evidence: ['count', 'brokers', 'lastMessage'],
    retriable: false,
    remedy:
      "Compare the fingerprint shown with the host's (`ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` on " +
      'the host), then pin it as `ssh.hostKey.fingerprint` in the profile or pass `--trust-host-key`.',
    severity: 'critical',
    docs: 'https://man.openbsd.org/ssh#VERIFYING_HOST_KEYS',
  },
  {
    id: 'ssh-host-key-changed',
    title: 'SSH host key changed',
    cause:
      'The jump host presented a different key than the one pinned or in known_hosts: the host was reinstalled, ' +
      'or someone is intercepting the connection. Sluice refuses to connect.',
    matchers: { sshFailures: ['host-key-changed'] },
    evidence: ['count', 'brokers', 'lastMessage'],
    retriable: false,
    remedy:
      "Confirm the new key with the host's administrator before trusting it; then update " +
      '`ssh.hostKey.fingerprint` or remove the old line (`ssh-keygen -R <host> -f <known_hosts>`).',
    severity: 'critical',
    docs: 'https://man.openbsd.org/ssh#VERIFYING_HOST_KEYS',
  },
  {
    id: 'ssh-auth',
    title: 'SSH authentication failed',
    cause: 'The jump host refused the user, key, passphrase, password or agent.',
    matchers: { sshFailures: ['auth'] },
    evidence: ['count', 'brokers', 'lastMessage'],
    retriable: false,
    remedy:
      "Check `ssh.user` and `ssh.auth` in the profile, and that the public key is in the user's `~/.ssh/authorized_keys`.",
    severity: 'critical',
    docs: 'https://man.openbsd.org/sshd#AUTHORIZED_KEYS_FILE_FORMAT',
  },
  {
    id: 'ssh-unreachable',
    title: 'SSH jump host unreachable',
    cause: 'The TCP connection to the jump host failed or timed out (host down, wrong port, firewall).',
    matchers: { sshFailures: ['connect'] },
    evidence: ['count', 'firstAt', 'lastAt', 'brokers', 'lastMessage'],
    retriable: true,
    remedy:
      'Check `ssh.host` and `ssh.port` in the profile, and that `ssh -p <port> <user>@<host>` works from this machine.',
    severity: 'critical',
    docs: 'https://man.openbsd.org/ssh_config',
  },
  {
    id: 'advertised-listener-unreachable',
    title: 'Advertised broker addresses unreachable',
    cause:
      'The bootstrap address answered, but the brokers advertise addresses (`advertised.listeners`, formerly ' +
      '`advertised.host.name`) this machine cannot reach, such as an internal host name or a private IP. ' +
      'Clients connect to the advertised addresses after the first metadata request.',
    matchers: { states: ['advertised-broker-unresolvable'] },
    evidence: ['count', 'firstAt', 'brokers', 'lastMessage'],
    retriable: false,
    remedy:
      "Set each broker's `advertised.listeners` to an address clients can reach (for example " +
      "`PLAINTEXT://broker1.example.com:9092`), or reach the cluster through an SSH tunnel (the profile's " +
      '`ssh` section), which maps every advertised address through the jump host.',
    severity: 'critical',
    docs: `${KAFKA}#brokerconfigs_advertised.listeners`,
  },
  {
    id: 'data-loss-risk',
    title: 'Acknowledged writes can be lost',
    cause:
      'Kafka acknowledges a write before it is flushed to disk (`log.flush.interval.messages` and ' +
      '`log.flush.interval.ms` default to never forcing a flush; the other `log.flush.*` settings only ' +
      'schedule checks), so durability rests on replication. With `acks` below `all`, a replication factor ' +
      'of 1, `min.insync.replicas=1` or `unclean.leader.election.enable=true`, a broker crash can lose ' +
      'records the producer was told were written. This entry is the producer side (`acks`); the topic side ' +
      'has its own entries (replication-factor-one, min-insync-one, unclean-leader-election, log-flush).',
    matchers: {
      config: [[{ setting: 'acks', op: 'ne', value: 'all' }]],
    },
    evidence: ['topics', 'settings'],
    retriable: false,
    remedy:
      'Use `acks: "all"` on the sink, a replication factor of 3 and `min.insync.replicas=2` on the sink topic ' +
      '(`kafka-configs.sh --alter --entity-type topics --entity-name <topic> --add-config ' +
      'min.insync.replicas=2`), and `unclean.leader.election.enable=false`. Forcing flushes ' +
      '(`log.flush.interval.messages=1`) instead costs much throughput and still loses data if the disk fails.',
    severity: 'warning',
    docs: `${KAFKA}#design_replicatedlog`,
  },
  {
    id: 'reorder-risk',
    title: 'Retries may reorder records',
    cause:
      'The producer is not idempotent, retries failed sends, and has more than one request in flight per ' +
      'broker: after a leader election a retried batch can land after a later one.',
    matchers: {
      config: [
        [
          { setting: 'enable.idempotence', op: 'eq', value: 'false' },
          { setting: 'retries', op: 'gt', value: '0' },
          { setting: 'max.in.flight.requests.per.connection', op: 'gt', value: '1' },
        ],
      ],
    },
    evidence: ['settings'],
    retriable: false,
    remedy:
      'Set `idempotent: true` on the sink (Kafka `enable.idempotence=true`), or `maxInFlightRequests: 1` ' +
      '(`max.in.flight.requests.per.connection=1`) if the order within a partition matters.',
    severity: 'warning',
    docs: `${KAFKA}#producerconfigs_max.in.flight.requests.per.connection`,
  },
  {
    id: 'transaction-timeout',
    title: 'Transaction timeout shorter than the checkpoint interval',
    cause:
      'Exactly-once keeps one transaction open per checkpoint interval. If `transaction.timeout.ms` is not ' +
      'longer than that, the coordinator aborts the transaction and fences the producer before the checkpoint ' +
      'commits it, so every checkpoint fails.',
    matchers: {
      config: [[{ setting: 'transaction.timeout.ms', op: 'lt-setting', value: 'checkpoint.interval.ms' }]],
    },
    evidence: ['settings'],
    retriable: false,
    remedy:
      "Raise the sink's `transactionTimeoutMs` (`transaction.timeout.ms`) to several checkpoint intervals, " +
      'or lower `checkpoint.intervalMs`; the broker caps the timeout at `transaction.max.timeout.ms` (15 minutes).',
    severity: 'critical',
    docs: `${KAFKA}#producerconfigs_transaction.timeout.ms`,
  },
  {
    id: 'replication-factor-one',
    title: 'Topic has a single replica',
    cause:
      "Every record of the topic exists on one broker only: losing that broker's disk, or a crash before the " +
      'page cache reaches it, loses acknowledged records whatever `acks` says, and the partitions are offline ' +
      'while that broker is down.',
    matchers: { config: [[{ setting: 'replication.factor', op: 'eq', value: '1' }]] },
    evidence: ['topics', 'settings'],
    retriable: false,
    remedy:
      'Use a replication factor of 3 (`kafka-reassign-partitions.sh` raises it for an existing topic; ' +
      '`default.replication.factor=3` for new ones) with `min.insync.replicas=2`.',
    severity: 'warning',
    docs: `${KAFKA}#replication`,
  },
  {
    id: 'min-insync-one',
    title: 'min.insync.replicas is 1',
    cause:
      'With `min.insync.replicas=1`, `acks=all` is satisfied by the leader alone once the followers fall out of ' +
      'sync; if that leader then fails, the records only it had are lost although they were acknowledged.',
    matchers: {
      config: [
        [
          { setting: 'min.insync.replicas', op: 'lt', value: '2' },
          { setting: 'replication.factor', op: 'gt', value: '1' },
        ],
      ],
    },
    evidence: ['topics', 'settings'],
    retriable: false,
    remedy:
      'Set `min.insync.replicas=2` on the topic (`kafka-configs.sh --alter --entity-type topics --entity-name ' +
      '<topic> --add-config min.insync.replicas=2`) and keep `acks: "all"` on the sink.',
    severity: 'warning',
    docs: `${KAFKA}#topicconfigs_min.insync.replicas`,
  },
  {
    id: 'unclean-leader-election',
    title: 'Unclean leader election enabled',
    cause:
      'With `unclean.leader.election.enable=true`, when every in-sync replica is down an out-of-sync replica may ' +
      'become leader, and the records it missed are gone, acknowledged or not.',
    matchers: { config: [[{ setting: 'unclean.leader.election.enable', op: 'eq', value: 'true' }]] },
    evidence: ['topics', 'settings'],
    retriable: false,
    remedy:
      'Set `unclean.leader.election.enable=false` on the topic (`kafka-configs.sh --alter --entity-type topics ' +
      '--entity-name <topic> --add-config unclean.leader.election.enable=false`) and on the brokers.',
    severity: 'warning',
    docs: `${KAFKA}#topicconfigs_unclean.leader.election.enable`,
  },
  {
    id: 'log-flush',
    title: 'Acknowledged records only in the page cache',
    cause:
      "The topic never forces a flush (`flush.messages` and `flush.ms`, from the broker's " +
      '`log.flush.interval.messages` and `log.flush.interval.ms`; the other `log.flush.*` settings only schedule ' +
      'the checks), and a write may be acknowledged with a single copy: a crash of that machine before the OS ' +
      'writes its page cache loses acknowledged records.',
    matchers: {
      config: [
        [
          { setting: 'flush.messages', op: 'eq', value: '9223372036854775807' },
          { setting: 'flush.ms', op: 'eq', value: '9223372036854775807' },
          { setting: 'replication.factor', op: 'eq', value: '1' },
        ],
        [
          { setting: 'flush.messages', op: 'eq', value: '9223372036854775807' },
          { setting: 'flush.ms', op: 'eq', value: '9223372036854775807' },
          { setting: 'min.insync.replicas', op: 'lt', value: '2' },
        ],
      ],
    },
    evidence: ['topics', 'settings'],
    retriable: false,
    remedy:
      'Prefer replication over flushing: replication factor 3, `min.insync.replicas=2`, `acks: "all"`. Only if ' +
      'replication is impossible, set `flush.messages=1` or `flush.ms` on the topic (every flush is an fsync).',
    severity: 'warning',
    docs: `${KAFKA}#topicconfigs_flush.messages`,
  },
  {
    id: 'under-replicated',
    title: 'Partitions under-replicated',
    cause:
      "Some replicas of the job's partitions are out of the in-sync replica set (ISR): a broker is down, " +
      'restarting or lagging. Writes with `acks=all` still succeed while the ISR holds `min.insync.replicas`.',
    matchers: { states: ['under-replicated'] },
    evidence: ['count', 'firstAt', 'lastAt', 'partitions', 'brokers', 'lastMessage'],
    retriable: true,
    remedy:
      'Bring the broker named back and wait until `kafka-topics.sh --describe --under-replicated-partitions` lists ' +
      'nothing; restart the next broker only then. A broker that stays behind may need more ' +
      '`num.replica.fetchers` or a higher `replica.lag.time.max.ms`.',
    severity: 'warning',
    docs: `${KAFKA}#replication`,
  },
  {
    id: 'offline-partitions',
    title: 'Partitions without a leader',
    cause: 'No in-sync replica of a partition is alive, so it cannot be read or written until one comes back.',
    matchers: { states: ['partition-offline'] },
    evidence: ['count', 'firstAt', 'lastAt', 'partitions', 'brokers', 'lastMessage'],
    retriable: true,
    remedy:
      "Start the brokers that hold the partition's replicas. Do not turn on `unclean.leader.election.enable` to " +
      'get going: the new leader would lack the records it missed.',
    severity: 'critical',
    docs: `${KAFKA}#design_uncleanleader`,
  },
  {
    id: 'group-active',
    title: 'Consumer group has active members',
    cause:
      'Offsets of a group can only be reset while it has no members (state Empty or Dead): the running ' +
      'consumers would overwrite the reset at their next commit.',
    matchers: {},
    evidence: ['lastMessage'],
    retriable: false,
    remedy:
      'Stop the consumers named (or the Sluice job using the group) and wait until `sluice groups describe` shows ' +
      'the group Empty, then reset again; `session.timeout.ms` after a crash the members expire by themselves.',
    severity: 'warning',
    docs: 'README.md#consumer-groups',
  },
  {
    id: 'transform-budget',
    title: 'Transform ran past its budget',
    cause:
      'A `transform.filter` or `transform.map` expression ran longer than its time budget (1000 ms) or ' +
      'nested deeper than its depth budget (500 steps) on one record: usually a recursive function that ' +
      'never reaches its end case, or a loop over a huge range.',
    matchers: {},
    evidence: ['count', 'partitions', 'lastMessage'],
    retriable: false,
    remedy:
      'The message names the record (topic, partition, offset) and the character of the expression where it ' +
      'stopped. Try the expression on that record (`kcat -C -t <topic> -p <partition> -o <offset> -c 1`) at ' +
      'https://try.jsonata.org, give the recursion an end case, or rewrite it as tail-recursive.',
    severity: 'critical',
    docs: 'README.md#jobs-sluice-run',
  },
  {
    id: 'registry-unreachable',
    title: 'Schema Registry unreachable',
    cause:
      "The profile's Schema Registry did not answer: it is down, the URL's host or port is wrong, a firewall " +
      'is in the way, or (with an SSH tunnel) the jump host cannot reach it.',
    // Assigned by the registry client (engine/registry/registry-check.ts), not matched from Kafka errors.
    matchers: {},
    evidence: ['count', 'firstAt', 'lastAt', 'lastMessage'],
    retriable: true,
    remedy:
      'Check `schemaRegistry.url` in the cluster profile; from the same machine (or the jump host) ' +
      '`curl <url>/subjects` shows whether it answers. Records already decoded are not affected; a record whose ' +
      'schema is not cached waits for the registry.',
    severity: 'warning',
    docs: 'README.md#cluster-profiles-and-ssh-tunnels',
  },
  {
    id: 'registry-auth',
    title: 'Schema Registry refused the credentials',
    cause: 'The registry answered 401 or 403: the user, password or token is wrong, expired, or not allowed to read.',
    matchers: {},
    evidence: ['count', 'lastMessage'],
    retriable: false,
    remedy:
      "Set the profile's `schemaRegistry.auth` (basic user and password, or a bearer token) to credentials " +
      'the registry accepts; `curl -u user:password <url>/subjects` checks them.',
    severity: 'critical',
    docs: 'README.md#cluster-profiles-and-ssh-tunnels',
  },
  {
    id: 'registry-not-found',
    title: 'No Schema Registry API at this URL',
    cause:
      'The URL answers HTTP but not the Confluent-compatible Schema Registry API: usually a path missing from ' +
      'the URL (Apicurio serves it under `/apis/ccompat/v7`) or a proxy in front of it.',
    matchers: {},
    evidence: ['count', 'lastMessage'],
    retriable: false,
    remedy:
      'Use the URL whose `/subjects` answers a JSON list: `https://host:8081` for Confluent Schema Registry, ' +
      '`https://host/apis/ccompat/v7` for Apicurio Registry, the ccompat path of your registry otherwise.',
    severity: 'critical',
    docs: 'README.md#cluster-profiles-and-ssh-tunnels',
  },
  {
    id: 'shallow-copy',
    title: 'The job copies record by record, not record batches as bytes',
    cause:
      'A Kafka-to-Kafka job with no transform forwards whole record batches without decoding them (the shallow ' +
      'copy) only when nothing needs the records: `bytes` or `string` formats, no sink schema, `sink.key` ' +
      '`"source"`, `sink.partitioner` `"source-partition"`, `sink.writeTimestamp` true, `sink.compression` ' +
      '`"none"`, and a sink topic with at least as many partitions as the source. Otherwise every record is ' +
      'decoded and encoded again, several times slower.',
    matchers: {},
    evidence: ['count', 'lastMessage'],
    retriable: false,
    remedy:
      'Change each setting lint names (`sluice lint`, rule `shallow-copy-blocked`), or keep it when the job ' +
      'needs it; `sluice run` and the job page say which path a run takes.',
    severity: 'info',
    docs: 'README.md#shallow-copy',
  },
];

const byId = new Map<string, HintEntry>(HINT_CATALOGUE.map((entry) => [entry.id, entry]));

/** The catalogue entry of an id; `unknown`'s for an id a newer engine sent that this one lacks. */
export function hintEntry(id: HintId | string): HintEntry {
  return byId.get(id) ?? byId.get('unknown')!;
}
