import kafkajs from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { refusedConfigs } from './topic-configs.js';
import { brokerRefusal, refusalProblem, TopicRefusedError } from './topic-refusal.js';

const { KafkaJSProtocolError, KafkaJSAggregateError, KafkaJSNumberOfRetriesExceeded } = kafkajs as unknown as {
  KafkaJSProtocolError: new (e: { message: string; type: string; code: number; retriable: boolean }) => Error;
  KafkaJSAggregateError: new (message: string, errors: Error[]) => Error;
  KafkaJSNumberOfRetriesExceeded: new (e: Error, meta: { retryCount: number; retryTime: number }) => Error;
};

const protocol = (type: string, message = 'Configuration is invalid') =>
  new KafkaJSProtocolError({ message, type, code: 40, retriable: false });

describe('broker refusals', () => {
  it('finds the protocol error through kafkajs wrappers', () => {
    const wrapped = new KafkaJSNumberOfRetriesExceeded(
      new KafkaJSAggregateError('Topic creation errors', [
        protocol('INVALID_REPLICATION_FACTOR', 'Replication-factor is invalid'),
      ]),
      { retryCount: 0, retryTime: 1 },
    );
    expect(brokerRefusal(wrapped)).toEqual({
      type: 'INVALID_REPLICATION_FACTOR',
      message: 'Replication-factor is invalid',
    });
    expect(refusalProblem(wrapped)).toEqual({
      path: 'replicationFactor',
      message:
        'the broker refuses this replication factor (more replicas than brokers?) (Replication-factor is invalid) [INVALID_REPLICATION_FACTOR]',
    });
  });

  it('leaves errors that are not refusals alone', () => {
    expect(refusalProblem(new Error('Connection timeout'))).toBeUndefined();
    expect(refusalProblem(protocol('NOT_CONTROLLER'))).toBeUndefined();
  });
});

describe('refusedConfigs', () => {
  it('names each config the broker refuses on its own', async () => {
    const tried: string[] = [];
    const error = await refusedConfigs(
      protocol('INVALID_CONFIG'),
      'orders',
      [
        ['retention.ms', 'soon'],
        ['cleanup.policy', 'compact'],
      ],
      async (name) => {
        tried.push(name);
        if (name === 'retention.ms') throw protocol('INVALID_CONFIG');
      },
    );
    expect(tried).toEqual(['retention.ms', 'cleanup.policy']);
    expect(error).toBeInstanceOf(TopicRefusedError);
    expect((error as TopicRefusedError).problems).toEqual([
      {
        path: 'configs.retention.ms',
        message: 'retention.ms=soon: the broker refuses this config value (Configuration is invalid) [INVALID_CONFIG]',
      },
    ]);
  });

  it('keeps a refusal about another field whole, and returns other errors unchanged', async () => {
    const never = async () => {
      throw new Error('not asked');
    };
    const policy = await refusedConfigs(protocol('POLICY_VIOLATION', 'no'), 'orders', [['a.b', '1']], never);
    expect((policy as TopicRefusedError).problems).toEqual([
      { path: 'topic', message: "the cluster's topic policy refuses this request (no) [POLICY_VIOLATION]" },
    ]);
    const lost = new Error('Connection closed');
    expect(await refusedConfigs(lost, 'orders', [], never)).toBe(lost);
  });
});
