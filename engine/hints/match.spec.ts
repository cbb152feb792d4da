import kafkajs from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { classifyError } from '../errors/classify.js';
import { HINT_IDS, type HintId } from '../errors/hint-ids.js';
import { CheckpointError, ConfigError, ConnectionError, SluiceError } from '../errors/sluice-error.js';
import { groupActiveError } from '../groups/group-members.js';
import { TransformBudgetError } from '../transform/transform-budget.js';
import { hostKeyError, sshConnectError, forwardError } from '../transport/ssh-errors.js';
import { configObservations } from './job-settings.js';
import { observeKafkaLog } from './kafka-log.js';
import { hintsForError, matchFacts, ruleHolds } from './match.js';

const k = kafkajs;
const ProtocolError = k.KafkaJSProtocolError as unknown as new (row: {
  type: string;
  code: number;
  retriable: boolean;
  message: string;
}) => Error;
// kafkajs's declarations narrow these constructors; at run time they take a message.
const SASLError = k.KafkaJSSASLAuthenticationError as unknown as new (message: string) => Error;
const RequestTimeout = k.KafkaJSRequestTimeoutError as unknown as new (message: string) => Error;
const protocol = (type: string, code: number) => new ProtocolError({ type, code, retriable: true, message: type });
const sysError = (code: string) => Object.assign(new Error(`${code} failure`), { code });
const fromError = (error: unknown) => hintsForError(classifyError(error));
const target = { host: 'jump.example', port: 22, user: 'ops' };
const log = (message: string, extra: Record<string, unknown> = {}) =>
  observeKafkaLog({ namespace: 'Producer', level: 1, message, extra }, { bootstrap: ['b1:9092'] }, 1).map(
    (o) => o.hintId,
  );
const NEVER = '9223372036854775807';
const config = (settings: Record<string, string>) => configObservations(settings, 'out', 1).map((o) => o.hintId);

// One way to meet each hint, through the same path the engine takes (classified errors, kafkajs
// log lines, settings, observed states). Typed as a Record so a new id fails to compile here too.
const CASES: Record<HintId, () => HintId[]> = {
  'leader-election': () => log('Failed to send messages: This server is not the leader for that topic-partition'),
  'topic-missing': () => fromError(new k.KafkaJSTopicMetadataNotLoaded('no metadata', { topic: 'x' })),
  'broker-unreachable': () => log('Connection error: connect ECONNREFUSED 127.0.0.1:9', { broker: 'b1:9092' }),
  'broker-version': () => fromError(protocol('UNSUPPORTED_VERSION', 35)),
  'record-too-large': () =>
    log('Response Produce(key: 0, version: 7)', {
      broker: 'b1:9092',
      error: 'The request included a message larger than the max message size the server will accept',
    }),
  'not-enough-replicas': () =>
    log('Failed to send messages: Messages are rejected since there are fewer in-sync replicas than required'),
  'request-timeout': () => fromError(new RequestTimeout('Request Produce timed out')),
  'offset-out-of-range': () => log('Offset out of range, resetting to default offset', { topic: 't', partition: 0 }),
  'producer-fenced': () => fromError(protocol('INVALID_PRODUCER_EPOCH', 47)),
  'transaction-state': () => fromError(protocol('CONCURRENT_TRANSACTIONS', 51)),
  'out-of-order-sequence': () => fromError(protocol('OUT_OF_ORDER_SEQUENCE_NUMBER', 45)),
  'coordinator-unavailable': () => fromError(protocol('GROUP_COORDINATOR_NOT_AVAILABLE', 15)),
  rebalance: () => log('The group is rebalancing, re-joining'),
  'authorization-denied': () => fromError(protocol('TOPIC_AUTHORIZATION_FAILED', 29)),
  'sasl-auth': () => fromError(new SASLError('SASL PLAIN authentication failed')),
  tls: () => fromError(sysError('DEPTH_ZERO_SELF_SIGNED_CERT')),
  'invalid-config': () => fromError(protocol('INVALID_CONFIG', 40)),
  'corrupt-record': () => fromError(protocol('CORRUPT_MESSAGE', 2)),
  'record-undecodable': () =>
    fromError(new SluiceError('the value at t[0] offset 3 is not valid JSON', { hintId: 'record-undecodable' })),
  'job-memory-limit': () => fromError(new SluiceError('the job ran out of memory', { hintId: 'job-memory-limit' })),
  'job-host-exited': () => fromError(new SluiceError('the job process was killed', { hintId: 'job-host-exited' })),
  'compression-mismatch': () => config({ 'compression.type': 'lz4', 'topic.compression.type': 'zstd' }),
  'storage-error': () => fromError(protocol('KAFKA_STORAGE_ERROR', 56)),
  'checkpoint-corrupt': () => fromError(new CheckpointError('checkpoint 4 is not JSON')),
  'checkpoint-io': () => fromError(new CheckpointError('rename failed', { hintId: 'checkpoint-io' })),
  'checkpoint-version': () => fromError(new CheckpointError('version 9', { hintId: 'checkpoint-version' })),
  'checkpoint-missing': () => fromError(new CheckpointError('no checkpoint 7', { hintId: 'checkpoint-missing' })),
  'state-dir-unwritable': () => fromError(new SluiceError('cannot create /state', { hintId: 'state-dir-unwritable' })),
  'file-access': () => fromError(sysError('EACCES')),
  'disk-full': () => fromError(sysError('ENOSPC')),
  'spec-invalid': () => fromError(new ConfigError('sink.topic: expected a topic name')),
  unknown: () => fromError(new Error('something odd')),
  'ssh-host-key-unknown': () =>
    fromError(
      hostKeyError({ kind: 'unknown', fingerprint: 'SHA256:abc', keyType: 'ssh-ed25519', knownHostsLine: 'x' }, target),
    ),
  'ssh-host-key-changed': () =>
    fromError(
      hostKeyError(
        { kind: 'changed', fingerprint: 'SHA256:new', keyType: 'ssh-ed25519', expected: ['SHA256:old'], source: 'pin' },
        target,
      ),
    ),
  'ssh-auth': () =>
    fromError(
      sshConnectError(
        Object.assign(new Error('All configured authentication methods failed'), { level: 'client-authentication' }),
        target,
        'connect',
      ),
    ),
  'ssh-unreachable': () => fromError(sshConnectError(sysError('ECONNREFUSED'), target, 'connect')),
  'advertised-listener-unreachable': () =>
    log('Connection error: getaddrinfo ENOTFOUND kafka-internal-1', { broker: 'kafka-internal-1:9092' }),
  'data-loss-risk': () => config({ acks: '1' }),
  'replication-factor-one': () => config({ 'replication.factor': '1' }),
  'min-insync-one': () => config({ 'replication.factor': '3', 'min.insync.replicas': '1' }),
  'unclean-leader-election': () => config({ 'unclean.leader.election.enable': 'true' }),
  'log-flush': () =>
    config({ 'flush.messages': NEVER, 'flush.ms': NEVER, 'replication.factor': '3', 'min.insync.replicas': '1' }),
  'under-replicated': () => matchFacts({ state: 'under-replicated' }),
  'group-active': () => fromError(groupActiveError({ groupId: 'g', state: 'Stable', members: [] })),
  'offline-partitions': () => matchFacts({ state: 'partition-offline' }),
  'reorder-risk': () =>
    config({ 'enable.idempotence': 'false', retries: '5', 'max.in.flight.requests.per.connection': '5' }),
  'transaction-timeout': () => config({ 'transaction.timeout.ms': '10000', 'checkpoint.interval.ms': '60000' }),
  'transform-budget': () =>
    fromError(
      new TransformBudgetError(
        'transform.filter ran past its time budget',
        { topic: 't', partition: 0, offset: 1 },
        'transform.filter',
      ),
    ),
  // The registry check names its failures itself (engine/registry/registry-check.ts).
  'registry-unreachable': () =>
    fromError(
      new ConnectionError('the registry is not reachable', { hintId: 'registry-unreachable', retriable: true }),
    ),
  'registry-auth': () =>
    fromError(
      new ConnectionError('the registry refused the credentials', { hintId: 'registry-auth', retriable: false }),
    ),
  'registry-not-found': () =>
    fromError(
      new ConnectionError('no Schema Registry API at this URL', { hintId: 'registry-not-found', retriable: false }),
    ),
  // Lint's copy path rules name it (engine/lint/copy-path-rules.ts); no run fails with it.
  'shallow-copy': () =>
    fromError(new SluiceError('copies record by record: sink.partitioner "murmur2"', { hintId: 'shallow-copy' })),
};

describe('hint matching', () => {
  it('has a case for every hint id, read at run time', () => {
    expect(Object.keys(CASES).sort()).toEqual([...HINT_IDS].sort());
  });

  for (const [id, produce] of Object.entries(CASES)) {
    it(`recognises ${id}`, () => {
      expect(produce()).toContain(id);
    });
  }

  it('leaves lines and healthy settings that name no problem alone', () => {
    expect(log('Consumer has joined the group')).toEqual([]);
    expect(
      config({
        acks: 'all',
        'replication.factor': '3',
        'min.insync.replicas': '2',
        'unclean.leader.election.enable': 'false',
        'flush.messages': NEVER,
        'flush.ms': NEVER,
        'enable.idempotence': 'true',
        retries: '10',
        'max.in.flight.requests.per.connection': '5',
        'transaction.timeout.ms': '60000',
        'checkpoint.interval.ms': '5000',
      }),
    ).toEqual([]);
  });

  it('names the three reference leader-election errors as leader-election', () => {
    for (const type of ['UNKNOWN_TOPIC_OR_PARTITION', 'NOT_LEADER_OR_FOLLOWER', 'LEADER_NOT_AVAILABLE']) {
      expect(matchFacts({ kafkaCode: type })).toEqual(['leader-election']);
    }
  });

  it('flags each data-loss setting on its own', () => {
    expect(config({ acks: '0' })).toEqual(['data-loss-risk']);
    expect(config({ 'replication.factor': '1', 'min.insync.replicas': '1' })).toEqual(['replication-factor-one']);
    // With one replica min.insync.replicas=1 is the only possible value: the replication factor is the problem.
    expect(config({ 'replication.factor': '3', 'min.insync.replicas': '2' })).toEqual([]);
    // Forced flushes are not the page-cache risk.
    expect(config({ 'flush.messages': '1', 'flush.ms': NEVER, 'min.insync.replicas': '1' })).toEqual([]);
  });

  it('says which settings triggered a config hint', () => {
    const [observation] = configObservations({ acks: '1', retries: '3' }, 'orders', 5);
    expect(observation).toMatchObject({ hintId: 'data-loss-risk', topic: 'orders', settings: { acks: '1' } });
    expect(observation!.message).toBe('sink topic "orders" runs with acks=1');
  });

  it('compares settings by number and against other settings', () => {
    expect(ruleHolds({ setting: 'retries', op: 'gt', value: '0' }, { retries: '10' })).toBe(true);
    expect(ruleHolds({ setting: 'retries', op: 'gt', value: '0' }, { retries: 'many' })).toBe(false);
    expect(ruleHolds({ setting: 'retries', op: 'gt', value: '0' }, {})).toBe(false);
    expect(ruleHolds({ setting: 'a', op: 'lt-setting', value: 'b' }, { a: '1' })).toBe(false);
  });

  it('keeps an advertised address that resolves, or the bootstrap itself, a plain unreachable broker', () => {
    expect(log('Connection error: connect ECONNREFUSED 10.0.0.5:9092', { broker: '10.0.0.5:9092' })).toEqual([
      'broker-unreachable',
    ]);
    expect(log('Connection error: getaddrinfo ENOTFOUND b1', { broker: 'b1:9092' })).toEqual(['broker-unreachable']);
  });

  it('takes evidence from the log entry', () => {
    const [o] = observeKafkaLog(
      {
        namespace: 'Connection',
        level: 1,
        message: 'Response Produce(key: 0, version: 7)',
        extra: { broker: 'b2:9093', error: 'This server is not the leader for that topic-partition' },
      },
      { bootstrap: [] },
      42,
    );
    expect(o).toMatchObject({ hintId: 'leader-election', broker: 'b2:9093', origin: 'retry', at: 42 });
    expect(o!.message).toContain('not the leader');
  });

  it('maps an advertised address the jump host cannot reach (engine/transport)', () => {
    expect(fromError(forwardError(new Error('(SSH) Channel open failure'), target, 'kafka-1', 9092))).toEqual([
      'advertised-listener-unreachable',
    ]);
  });
});
