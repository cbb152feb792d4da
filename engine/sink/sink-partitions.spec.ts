import { Partitioners, type Message } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { SinkPartitioner, unacknowledged } from './sink-partitions';

const meta = (partition: number) => ({ topicName: 't', partition, errorCode: 0 });

describe('SinkPartitioner', () => {
  it('places keyed records where kafkajs (and the Java client) would', () => {
    const ours = new SinkPartitioner('t', 6);
    const theirs = Partitioners.DefaultPartitioner();
    const partitionMetadata = Array.from({ length: 6 }, (_, partitionId) => ({
      partitionId,
      leader: 1,
      partitionErrorCode: 0,
      replicas: [1],
      isr: [1],
    }));
    const messages: Message[] = Array.from({ length: 50 }, (_, i) => ({ key: `key-${i}`, value: 'v' }));
    ours.assign(messages);
    for (const message of messages) {
      expect(message.partition).toBe(
        theirs({ topic: 't', partitionMetadata, message: { key: message.key, value: 'v' } }),
      );
    }
    expect(new Set(messages.map((m) => m.partition)).size).toBeGreaterThan(3);
  });

  it('keeps a partition already chosen and spreads unkeyed records over every partition', () => {
    const ours = new SinkPartitioner('t', 3);
    const messages: Message[] = [
      { key: null, value: 'a', partition: 2 },
      ...Array.from({ length: 6 }, () => ({ key: null, value: 'b' })),
    ];
    ours.assign(messages);
    expect(messages[0]!.partition).toBe(2);
    expect(new Set(messages.slice(1).map((m) => m.partition))).toEqual(new Set([0, 1, 2]));
  });

  it('uses a new partition count after resize', () => {
    const ours = new SinkPartitioner('t', 1);
    ours.resize(4);
    expect(ours.partitionCount).toBe(4);
    const messages: Message[] = Array.from({ length: 40 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    ours.assign(messages);
    expect(Math.max(...messages.map((m) => m.partition!))).toBe(3);
  });
});

describe('unacknowledged', () => {
  it('returns the messages of partitions no acknowledgement names, in order', () => {
    const messages: Message[] = [
      { value: 'a', partition: 0 },
      { value: 'b', partition: 1 },
      { value: 'c', partition: 2 },
      { value: 'd', partition: 1 },
    ];
    expect(unacknowledged(messages, [meta(0), meta(2)]).map((m) => m.value)).toEqual(['b', 'd']);
    expect(unacknowledged(messages, [meta(0), meta(1), meta(2)])).toEqual([]);
  });
});
