import { describe, expect, it } from 'vitest';
import { fromRaw } from './metadata-view';

describe('metadata view', () => {
  it('keeps offline partitions and refused topics instead of failing the whole answer', () => {
    const reading = fromRaw({
      clusterId: 'c1',
      controllerId: 2,
      brokers: [
        { nodeId: 2, host: 'b2', port: 9092 },
        { nodeId: 1, host: 'b1', port: 9092 },
      ],
      topicMetadata: [
        {
          topicErrorCode: 0,
          topic: 'orders',
          partitionMetadata: [
            { partitionErrorCode: 0, partitionId: 1, leader: 2, replicas: [2, 1], isr: [2] },
            { partitionErrorCode: 5, partitionId: 0, leader: 3, replicas: [3], isr: [3] },
          ],
        },
        { topicErrorCode: 29, topic: 'secret', partitionMetadata: [] },
      ],
    });
    expect(reading.clusterId).toBe('c1');
    expect(reading.brokers.map((b) => b.nodeId)).toEqual([1, 2]);
    expect(reading.view.controller).toBe(2);
    expect(reading.view.partitions).toEqual([
      { topic: 'orders', partition: 0, leader: -1, replicas: [3], isr: [3] },
      { topic: 'orders', partition: 1, leader: 2, replicas: [2, 1], isr: [2] },
    ]);
    expect(reading.view.unreadable).toEqual([{ topic: 'secret', error: 'TOPIC_AUTHORIZATION_FAILED' }]);
  });

  it('reads a negative controller id as none', () => {
    expect(fromRaw({ brokers: [], controllerId: -1, topicMetadata: [] }).view.controller).toBeUndefined();
  });
});
