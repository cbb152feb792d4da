import { describe, expect, it } from 'vitest';
import type { HintObservation } from '../hints/observation.js';
import { TopicPartitionMap } from '../offsets/topic-partition.js';
import { silentLogger } from './logger.js';
import { RunHints } from './run-hints.js';
import type { StartPlan } from './start-plan.js';

describe('RunHints', () => {
  it('turns a retry kafkajs logged into a sighting', () => {
    const seen: HintObservation[] = [];
    const hints = new RunHints((o) => seen.push(o), silentLogger);
    hints.onKafkaLog(
      {
        namespace: 'Connection',
        level: 1,
        message: 'Response Produce(key: 0, version: 7)',
        extra: { broker: '127.0.0.1:9093', error: 'This server is not the leader for that topic-partition' },
      },
      ['127.0.0.1:9092'],
    );
    hints.close();
    expect(seen).toEqual([
      expect.objectContaining({ hintId: 'leader-election', origin: 'retry', broker: '127.0.0.1:9093' }),
    ]);
    // Closed: a run that ended adds nothing more.
    hints.onKafkaLog({ namespace: 'Producer', level: 1, message: 'Connection timeout', extra: {} }, []);
    expect(seen).toHaveLength(1);
  });

  it('reports partitions whose committed offset fell out of the log and were reset', () => {
    const seen: HintObservation[] = [];
    const tp = { topic: 'in', partition: 0 };
    const other = { topic: 'in', partition: 1 };
    const plan = {
      positions: TopicPartitionMap.from([
        [tp, { offset: 12, reason: 'fallback-earliest' as const }],
        [other, { offset: 3, reason: 'committed' as const }],
      ]),
      committed: TopicPartitionMap.from([
        [tp, { offset: 5, metadata: null }],
        [other, { offset: 3, metadata: null }],
      ]),
      bounds: TopicPartitionMap.from([
        [tp, { start: 12, end: 20 }],
        [other, { start: 0, end: 20 }],
      ]),
    } as unknown as StartPlan;
    new RunHints((o) => seen.push(o), silentLogger).afterPlan(plan);
    expect(seen.map((o) => [o.hintId, o.topic, o.partition])).toEqual([['offset-out-of-range', 'in', 0]]);
    expect(seen[0]!.message).toContain('reset to 12 (fallback-earliest), 7 offsets skipped');
  });
});
