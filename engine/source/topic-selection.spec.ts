import { describe, expect, it } from 'vitest';
import { TopicPartitionMap } from '../offsets/topic-partition.js';
import { diffDiscovery } from './discovery.js';
import { TopicSelection } from './topic-selection.js';

describe('TopicSelection', () => {
  it('matches whole names, leaves out internal and excluded topics', () => {
    const s = new TopicSelection({ topicPattern: 'metrics-[a-z]+' }, ['metrics-out']);
    expect(s.select(['metrics-cpu', 'metrics-cpu2', 'xmetrics-mem', 'metrics-mem', 'metrics-out'])).toEqual([
      'metrics-cpu',
      'metrics-mem',
    ]);
    expect(s.excludedMatches(['metrics-out', 'other'])).toEqual(['metrics-out']);
    expect(new TopicSelection({ topicPattern: '.*' }).select(['__consumer_offsets', 'a'])).toEqual(['a']);
  });

  it('a list selects exactly its topics', () => {
    const s = new TopicSelection({ topics: ['b', 'a'] });
    expect(s.isPattern).toBe(false);
    expect(s.select(['a', 'c', 'b'])).toEqual(['a', 'b']);
  });
});

describe('diffDiscovery', () => {
  it('finds new topics and new partitions', () => {
    const partitions = TopicPartitionMap.from([[{ topic: 'a', partition: 0 }, true] as const]);
    const diff = diffDiscovery(
      { topics: ['a'], partitions },
      {
        topics: ['a', 'b'],
        partitions: [
          { topic: 'a', partition: 0 },
          { topic: 'a', partition: 1 },
          { topic: 'b', partition: 0 },
        ],
      },
    );
    expect(diff).toEqual({
      newTopics: ['b'],
      newPartitions: [
        { topic: 'a', partition: 1 },
        { topic: 'b', partition: 0 },
      ],
    });
  });
});
