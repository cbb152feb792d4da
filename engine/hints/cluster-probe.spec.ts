import { describe, expect, it } from 'vitest';
import type { PartitionState } from '../health/health-report.js';
import { diffClusterSnapshots, readAgainstMetadata, type ClusterSnapshot } from './cluster-probe.js';
import type { HintObservation } from './observation.js';
import { offsetResetObservation } from './offset-reset.js';

const snapshot = (...partitions: PartitionState[]): ClusterSnapshot => ({
  partitions: new Map(partitions.map((p) => [`${p.topic}/${p.partition}`, p])),
  brokers: new Map([
    [1, 'h:9001'],
    [2, 'h:9002'],
    [3, 'h:9003'],
  ]),
  missingTopics: [],
});
const p = (partition: number, leader: number, isr: number[]): PartitionState => ({
  topic: 'out',
  partition,
  leader,
  replicas: [1, 2, 3],
  isr,
});

describe('diffClusterSnapshots', () => {
  it('reports leader changes (leader-election) and replicas out of sync (under-replicated)', () => {
    const before = snapshot(p(0, 1, [1, 2, 3]), p(1, 2, [1, 2, 3]));
    const after = snapshot(p(0, 2, [2, 3]), p(1, 2, [2, 3]));
    const observations = diffClusterSnapshots(before, after, 7);
    expect(observations.map((o) => [o.hintId, o.partition, o.broker, o.message])).toEqual([
      ['leader-election', 0, 'broker 1 (h:9001)', 'leader of out/0 moved from broker 1 (h:9001) to broker 2 (h:9002)'],
      ['under-replicated', 0, 'broker 1 (h:9001)', 'out/0 has 2 of 3 replicas in sync (out: broker 1 (h:9001))'],
      ['under-replicated', 1, 'broker 1 (h:9001)', 'out/1 has 2 of 3 replicas in sync (out: broker 1 (h:9001))'],
    ]);
    expect(observations.every((o) => o.origin === 'state' && o.topic === 'out' && o.at === 7)).toBe(true);
  });

  it('does not repeat an unchanged out-of-sync state, and is quiet once healthy', () => {
    const degraded = snapshot(p(0, 2, [2, 3]));
    expect(diffClusterSnapshots(degraded, snapshot(p(0, 2, [2, 3])))).toEqual([]);
    expect(diffClusterSnapshots(degraded, snapshot(p(0, 2, [2, 3, 1])))).toEqual([]);
  });

  it('reports a partition without a leader', () => {
    const [o] = diffClusterSnapshots(snapshot(p(0, 3, [3])), snapshot(p(0, -1, [])));
    expect(o).toMatchObject({
      hintId: 'offline-partitions',
      message: 'out/0 has no leader',
      broker: 'broker 3 (h:9003)',
    });
  });
});

describe('readAgainstMetadata', () => {
  const retry: HintObservation = {
    hintId: 'leader-election',
    at: 5,
    origin: 'retry',
    message: 'Response Metadata(key: 3, version: 6): This server does not host this topic-partition',
    broker: 'h:9001',
  };

  it('reads a retry as a missing topic when a topic the job names is not in the metadata', () => {
    expect(readAgainstMetadata(retry, ['orders-out'])).toEqual([
      {
        hintId: 'topic-missing',
        at: 5,
        origin: 'retry',
        topics: ['orders-out'],
        broker: 'h:9001',
        message: `"orders-out" is not in the cluster's metadata (${retry.message})`,
      },
    ]);
  });

  it('keeps it a leader election when every topic exists', () => {
    expect(readAgainstMetadata(retry, [])).toEqual([retry]);
  });

  it('keeps it a leader election when the retry names another topic than the missing one', () => {
    const named = { ...retry, topic: 'orders-in', partition: 2 };
    expect(readAgainstMetadata(named, ['orders-out'])).toEqual([named]);
    expect(readAgainstMetadata({ ...named, topic: 'orders-out' }, ['orders-out'])[0]).toMatchObject({
      hintId: 'topic-missing',
      topics: ['orders-out'],
    });
  });
});

describe('offsetResetObservation', () => {
  const tp = { topic: 'in', partition: 1 };
  it('says where a committed offset below the log start was reset to', () => {
    const o = offsetResetObservation(
      { tp, wanted: 5, bounds: { start: 40, end: 100 }, start: { offset: 40, reason: 'fallback-earliest' } },
      9,
    );
    expect(o).toMatchObject({ hintId: 'offset-out-of-range', topic: 'in', partition: 1, at: 9 });
    expect(o!.message).toBe(
      'offset 5 of in/1 is below the log start 40 (retention or deleteRecords removed offsets 5..39); ' +
        'reset to 40 (fallback-earliest), 35 offsets skipped',
    );
  });

  it('is silent for an offset inside the log', () => {
    const start = { offset: 50, reason: 'fallback-earliest' as const };
    expect(offsetResetObservation({ tp, wanted: 50, bounds: { start: 40, end: 100 }, start })).toBeUndefined();
  });
});
