import { createRequire } from 'node:module';
import kafkajs from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { classifyError } from './classify.js';
import { HINT_IDS } from './hint-ids.js';
import { PROTOCOL_ERRORS } from './protocol-errors.js';
import {
  AuthenticationError,
  CheckpointError,
  ConfigError,
  ConnectionError,
  KafkaError,
  OffsetOutOfRangeError,
  ProducerFencedError,
  SluiceError,
  TimeoutError,
  TopicNotFoundError,
} from './sluice-error.js';

const k = kafkajs;
// kafkajs's declarations narrow these constructors to (string | Error); at run time they take
// the protocol error row or the options object their sources pass.
const ProtocolError = k.KafkaJSProtocolError as unknown as new (row: CodeRow) => Error;
const RequestTimeoutError = k.KafkaJSRequestTimeoutError as unknown as new (message: string) => Error;
const SASLAuthenticationError = k.KafkaJSSASLAuthenticationError as unknown as new (message: string) => Error;
const require = createRequire(import.meta.url);

interface CodeRow {
  code: number;
  type: string;
  retriable: boolean;
  message: string;
}
// kafkajs's own protocol error table, so the specs build errors exactly as a broker reply does.
const kafkajsCodes = (require('kafkajs/src/protocol/error.js') as { errorCodes: CodeRow[] }).errorCodes;

const protocolError = (code: number) =>
  new ProtocolError(
    kafkajsCodes.find((e) => e.code === code) ?? {
      type: 'KAFKAJS_UNKNOWN_ERROR_CODE',
      code: -99,
      retriable: false,
      message: `Unknown error code ${code}`,
    },
  );

describe('classifyError', () => {
  it.each([
    [3, 'leader-election', true, KafkaError],
    [6, 'leader-election', true, KafkaError],
    [1, 'offset-out-of-range', false, OffsetOutOfRangeError],
    [10, 'record-too-large', false, KafkaError],
    [19, 'not-enough-replicas', true, KafkaError],
    [7, 'request-timeout', true, TimeoutError],
    [47, 'producer-fenced', false, ProducerFencedError],
    [58, 'sasl-auth', false, AuthenticationError],
    [29, 'authorization-denied', false, AuthenticationError],
  ] as const)('maps protocol code %i to %s', (code, hintId, retriable, errorClass) => {
    const classified = classifyError(protocolError(code));
    expect(classified).toBeInstanceOf(errorClass);
    expect(classified.hintId).toBe(hintId);
    expect(classified.retriable).toBe(retriable);
    expect(classified.details?.code).toBe(code);
  });

  it('names protocol codes newer than kafkajs knows (PRODUCER_FENCED = 90)', () => {
    const classified = classifyError(protocolError(90));
    expect(classified).toBeInstanceOf(ProducerFencedError);
    expect(classified.details).toMatchObject({ type: 'PRODUCER_FENCED', code: 90 });
  });

  it('keeps the client view for protocol errors the table does not list', () => {
    const classified = classifyError(protocolError(36)); // TOPIC_ALREADY_EXISTS
    expect(classified.hintId).toBe('unknown');
    expect(classified.details?.type).toBe('TOPIC_ALREADY_EXISTS');
    expect(classified.retriable).toBe(false);
  });

  it('unwraps retries exceeded to the cause and keeps the retry count', () => {
    const cause = protocolError(5); // LEADER_NOT_AVAILABLE
    const wrapped = new k.KafkaJSNumberOfRetriesExceeded(cause, { retryCount: 5, retryTime: 100 });
    const classified = classifyError(wrapped);
    expect(classified.hintId).toBe('leader-election');
    expect(classified.retriable).toBe(true);
    expect(classified.details).toMatchObject({ retryCount: 5, type: 'LEADER_NOT_AVAILABLE' });
    expect(classified.cause).toBe(wrapped);
  });

  it('uses the socket code of a connection error', () => {
    const refused = new k.KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:1', {
      broker: '127.0.0.1:1',
      code: 'ECONNREFUSED',
    });
    const classified = classifyError(refused);
    expect(classified).toBeInstanceOf(ConnectionError);
    expect(classified).toMatchObject({ hintId: 'broker-unreachable', retriable: true });
    expect(classified.details).toMatchObject({ broker: '127.0.0.1:1', code: 'ECONNREFUSED' });

    const tls = new k.KafkaJSConnectionError('Connection error: self signed', { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(classifyError(tls)).toMatchObject({ hintId: 'tls', retriable: false });
  });

  it('maps client errors without a protocol type by class', () => {
    expect(classifyError(new k.KafkaJSConnectionError('Connection timeout'))).toMatchObject({
      hintId: 'broker-unreachable',
    });
    expect(classifyError(new SASLAuthenticationError('bad password'))).toBeInstanceOf(AuthenticationError);
    expect(classifyError(new RequestTimeoutError('Request Produce timed out'))).toMatchObject({
      hintId: 'request-timeout',
      retriable: true,
    });
    expect(classifyError(new k.KafkaJSTopicMetadataNotLoaded('no metadata', { topic: 't' }))).toBeInstanceOf(
      TopicNotFoundError,
    );
  });

  it('does not read hints from messages when a type exists', () => {
    // A message that talks about a topic must not outweigh the type the broker sent.
    const e = new ProtocolError({ type: 'REQUEST_TIMED_OUT', code: 7, retriable: true, message: 'topic missing' });
    expect(classifyError(e).hintId).toBe('request-timeout');
  });

  it('follows the cause of a plain wrapper error', () => {
    const wrapped = new Error('send failed', { cause: protocolError(10) });
    expect(classifyError(wrapped)).toMatchObject({ hintId: 'record-too-large', message: 'send failed' });
  });

  it('maps Node file errors and zod errors', () => {
    const eacces = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    expect(classifyError(eacces)).toMatchObject({ hintId: 'file-access', retriable: false });
    const zodError = z.object({ a: z.string() }).safeParse({}).error;
    expect(classifyError(zodError)).toBeInstanceOf(ConfigError);
  });

  it('returns a SluiceError unchanged and calls the rest unknown', () => {
    const own = new CheckpointError('bad file');
    expect(classifyError(own)).toBe(own);
    const odd = classifyError('boom');
    expect(odd).toBeInstanceOf(SluiceError);
    expect(odd).toMatchObject({ hintId: 'unknown', retriable: false, message: 'boom' });
  });
});

describe('error tables', () => {
  it('use only known hint ids and no duplicate types', () => {
    const known = new Set<string>(HINT_IDS);
    for (const row of PROTOCOL_ERRORS) expect(known.has(row.hintId), row.type).toBe(true);
    const types = PROTOCOL_ERRORS.map((row) => row.type);
    expect(new Set(types).size).toBe(types.length);
  });

  it('list only codes kafkajs spells the same way (or newer ones)', () => {
    for (const row of PROTOCOL_ERRORS) {
      const theirs = kafkajsCodes.find((e) => e.code === row.code);
      if (theirs && row.type !== 'NOT_LEADER_OR_FOLLOWER') expect(theirs.type, `code ${row.code}`).toBe(row.type);
    }
  });
});

describe('SluiceError', () => {
  it('keeps subclass defaults unless told otherwise and names itself', () => {
    const e = new ConnectionError('no route', { hintId: 'tls', details: { broker: 'b:1' } });
    expect(e).toMatchObject({ name: 'ConnectionError', hintId: 'tls', retriable: true, details: { broker: 'b:1' } });
    expect(new CheckpointError('x', { hintId: undefined }).hintId).toBe('checkpoint-corrupt');
  });
});
