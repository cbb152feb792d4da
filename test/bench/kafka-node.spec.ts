import { describe, expect, it } from 'vitest';
import { kafkaNodeProperties, newClusterId } from './kafka-node.js';
import { renderProperties } from './properties-file.js';

describe('kafkaNodeProperties', () => {
  it('makes a combined KRaft node that advertises its loopback port', () => {
    const properties = kafkaNodeProperties(
      {
        name: 'kraft',
        nodeId: 1,
        port: 4000,
        mode: { kind: 'kraft', controllerPort: 4001, quorumVoters: '1@127.0.0.1:4001', clusterId: 'x' },
      },
      '/data',
    );
    expect(properties).toMatchObject({
      'process.roles': 'broker,controller',
      'node.id': 1,
      listeners: 'PLAINTEXT://127.0.0.1:4000,CONTROLLER://127.0.0.1:4001',
      'advertised.listeners': 'PLAINTEXT://127.0.0.1:4000',
      'controller.quorum.voters': '1@127.0.0.1:4001',
      'log.dirs': '/data',
      'offsets.topic.replication.factor': 1,
      'auto.create.topics.enable': false,
      'group.initial.rebalance.delay.ms': 0,
    });
    expect(properties).not.toHaveProperty('zookeeper.connect');
  });

  it('makes a ZooKeeper-mode broker, and per-shape overrides win over the defaults', () => {
    const properties = kafkaNodeProperties(
      {
        name: 'zk-broker',
        nodeId: 7,
        port: 4000,
        mode: { kind: 'zookeeper', zookeeperConnect: '127.0.0.1:2181/kafka' },
        overrides: { 'offsets.topic.replication.factor': 3 },
      },
      '/data',
    );
    expect(properties).toMatchObject({
      'broker.id': 7,
      'zookeeper.connect': '127.0.0.1:2181/kafka',
      listeners: 'PLAINTEXT://127.0.0.1:4000',
      'offsets.topic.replication.factor': 3,
    });
    expect(properties).not.toHaveProperty('process.roles');
  });

  it('renders Java properties in insertion order with a comment header', () => {
    expect(renderProperties({ b: 1, a: true }, 'made\nby test')).toBe('# made\n# by test\nb=1\na=true\n');
  });
});

describe('newClusterId', () => {
  it('is a 22-character base64url id that never starts with a dash', () => {
    for (let attempt = 0; attempt < 500; attempt++) {
      const id = newClusterId();
      expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    }
  });
});
