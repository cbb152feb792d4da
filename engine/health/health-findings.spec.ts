import { describe, expect, it } from 'vitest';
import { healthFindings } from './health-findings';
import { countPerBroker, summarize, type BrokerHealth, type ClusterView } from './health-report';
import { compareViews } from './zookeeper-view';

const view = (
  partitions: ClusterView['partitions'],
  brokers = [1, 2, 3],
  controller: number | undefined = 1,
): ClusterView => ({
  source: 'metadata',
  controller,
  brokers,
  partitions,
  unreadable: [],
});
const p = (topic: string, partition: number, leader: number, replicas: number[], isr: number[]) => ({
  topic,
  partition,
  leader,
  replicas,
  isr,
});
const broker = (nodeId: number, reachable = true, error?: string): BrokerHealth => ({
  nodeId,
  host: `h${nodeId}`,
  port: 9092,
  leaders: 0,
  replicas: 0,
  reachable,
  ...(error ? { error } : {}),
});

describe('cluster health', () => {
  it('is healthy when every partition has a leader and a full ISR and every broker answers', () => {
    const metadata = summarize(view([p('a', 0, 1, [1, 2, 3], [1, 2, 3]), p('a', 1, 2, [2, 3, 1], [2, 3, 1])]));
    expect(metadata.offline).toEqual([]);
    expect(metadata.underReplicated).toEqual([]);
    expect(healthFindings({ bootstrap: 'b:1', metadata, brokers: [broker(1), broker(2), broker(3)] })).toEqual([]);
  });

  it('names the broker missing from the ISR of under-replicated partitions, and offline partitions', () => {
    const metadata = summarize(
      view([p('a', 0, 1, [1, 2, 3], [1, 2]), p('a', 1, 2, [2, 3, 1], [2, 1]), p('solo', 0, -1, [3], [])], [1, 2]),
    );
    expect(metadata.underReplicated.map((i) => i.outOfSync)).toEqual([[3], [3]]);
    const findings = healthFindings({ bootstrap: 'b:1', metadata, brokers: [broker(1), broker(2)] });
    expect(findings.map((f) => `${f.ruleId}:${f.severity}:${f.where}`)).toEqual([
      'offline-partitions:critical:topic solo',
      'under-replicated:warning:broker 3',
    ]);
    expect(findings[1]!.message).toBe('broker 3 (not live) is out of the ISR of 2 partition(s): a-0, a-1');
    expect(findings[0]!.message).toContain('broker 3 not live');
  });

  it('counts leaders and replicas per broker', () => {
    const counts = countPerBroker([p('a', 0, 1, [1, 2], [1, 2]), p('a', 1, 1, [1, 2], [1]), p('b', 0, -1, [2], [])]);
    expect(counts.get(1)).toEqual({ leaders: 2, replicas: 2 });
    expect(counts.get(2)).toEqual({ leaders: 0, replicas: 3 });
  });

  it('reports advertised addresses that do not answer, with every address seen', () => {
    const metadata = summarize(view([], [1, 2]));
    const findings = healthFindings({
      bootstrap: '127.0.0.1:5555',
      metadata,
      brokers: [broker(1, false, 'getaddrinfo ENOTFOUND h1'), broker(2)],
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ hintId: 'advertised-listener-unreachable', severity: 'critical' });
    expect(findings[0]!.message).toContain('h1:9092 (node 1): getaddrinfo ENOTFOUND h1');
    expect(findings[0]!.message).toContain('Addresses seen in metadata: h1:9092 (node 1), h2:9092 (node 2)');
    expect(findings[0]!.remedy).toContain('SSH jump host');
  });

  it('compares the ZooKeeper view with the metadata', () => {
    const metadata = view([p('a', 0, 1, [1, 2], [1, 2])], [1, 2]);
    expect(compareViews(metadata, { ...metadata, source: 'zookeeper' })).toEqual([]);
    const drifted: ClusterView = { ...view([p('a', 0, 2, [1, 2], [2])], [1, 2], 2), source: 'zookeeper' };
    expect(compareViews(metadata, drifted)).toEqual([
      'controller: metadata 1, ZooKeeper 2',
      'a-0: leader 1 in metadata, 2 in ZooKeeper',
      'a-0: ISR [1,2] in metadata, [2] in ZooKeeper',
    ]);
  });
});
