import type { Finding } from '../diagnosis/finding.js';
import type { BrokerHealth, PartitionIssue, ViewSummary, ZookeeperHealth } from './health-report.js';

const LIST_LIMIT = 10;

function list(items: readonly string[]): string {
  const shown = items.slice(0, LIST_LIMIT).join(', ');
  return items.length > LIST_LIMIT ? `${shown} and ${items.length - LIST_LIMIT} more` : shown;
}

const name = (p: PartitionIssue) => `${p.topic}-${p.partition}`;

/** What a health report says, as findings with hints: offline, under-replicated, unreachable, ZooKeeper drift. */
export function healthFindings(input: {
  bootstrap: string;
  metadata: ViewSummary;
  brokers: readonly BrokerHealth[];
  zookeeper?: ZookeeperHealth;
}): Finding[] {
  const findings: Finding[] = [];
  const { metadata } = input;
  const live = new Set(metadata.brokers);

  const offlineByTopic = new Map<string, PartitionIssue[]>();
  for (const p of metadata.offline) offlineByTopic.set(p.topic, [...(offlineByTopic.get(p.topic) ?? []), p]);
  for (const [topic, partitions] of offlineByTopic) {
    const replicas = [...new Set(partitions.flatMap((p) => p.replicas))].sort((a, b) => a - b);
    findings.push({
      ruleId: 'offline-partitions',
      hintId: 'offline-partitions',
      severity: 'critical',
      where: `topic ${topic}`,
      message: `topic "${topic}": ${partitions.length} partition(s) offline, no leader (${list(partitions.map((p) => String(p.partition)))}; replicas on broker(s) ${replicas.join(', ') || 'unknown'}, ${
        replicas
          .filter((r) => !live.has(r))
          .map((r) => `broker ${r} not live`)
          .join(', ') || 'all live'
      })`,
      remedy: "bring the replicas' brokers back; until one of them returns, reads and writes of these partitions fail",
    });
  }
  for (const topic of metadata.unreadable) {
    findings.push({
      ruleId: 'offline-partitions',
      hintId: 'offline-partitions',
      severity: 'critical',
      where: `topic ${topic.topic}`,
      message: `topic "${topic.topic}": metadata reports a partition error (${topic.error}): a partition has no leader or is unavailable`,
      remedy: 'check the brokers that hold its replicas (`kafka-topics.sh --describe --unavailable-partitions`)',
    });
  }

  const outOfSync = new Map<number, PartitionIssue[]>();
  for (const p of metadata.underReplicated) {
    for (const broker of p.outOfSync) outOfSync.set(broker, [...(outOfSync.get(broker) ?? []), p]);
  }
  // Operators' topics first: Kafka's internal ones (__consumer_offsets) would fill the list.
  const internalLast = (a: PartitionIssue, b: PartitionIssue) =>
    Number(a.topic.startsWith('__')) - Number(b.topic.startsWith('__'));
  for (const [broker, unsorted] of [...outOfSync].sort(([a], [b]) => a - b)) {
    const partitions = [...unsorted].sort(internalLast);
    const state = live.has(broker) ? 'live but behind' : 'not live';
    findings.push({
      ruleId: 'under-replicated',
      hintId: 'under-replicated',
      severity: 'warning',
      where: `broker ${broker}`,
      message: `broker ${broker} (${state}) is out of the ISR of ${partitions.length} partition(s): ${list(partitions.map(name))}`,
      remedy: live.has(broker)
        ? `check broker ${broker}'s disk, network and replica fetcher (replica.lag.time.max.ms); it rejoins the ISR once it catches up`
        : `start broker ${broker} again; until then these partitions have fewer copies and acks=all writes need min.insync.replicas of them`,
    });
  }

  const unreachable = input.brokers.filter((b) => !b.reachable);
  if (unreachable.length > 0) {
    const seen = input.brokers.map((b) => `${b.host}:${b.port} (node ${b.nodeId})`);
    findings.push({
      ruleId: 'advertised-listener-unreachable',
      hintId: 'advertised-listener-unreachable',
      severity: 'critical',
      where: `bootstrap ${input.bootstrap}`,
      message: `bootstrap ${input.bootstrap} answered, but the broker address(es) it advertises are not reachable from here: ${unreachable.map((b) => `${b.host}:${b.port} (node ${b.nodeId}): ${b.error ?? 'no answer'}`).join('; ')}. Addresses seen in metadata: ${seen.join(', ')}`,
      remedy:
        "clients connect to each broker at its advertised address (advertised.listeners; the reference's advertised.host.name note): give the profile an SSH jump host that can reach them (every broker connection then goes through the tunnel), or set advertised.listeners on the brokers to addresses this machine can reach",
    });
  }

  if (metadata.controller === undefined) {
    findings.push({
      ruleId: 'no-controller',
      hintId: 'leader-election',
      severity: 'warning',
      where: `bootstrap ${input.bootstrap}`,
      message: 'metadata names no active controller: leader elections and topic changes cannot happen',
      remedy: 'check the controller quorum (KRaft) or the ZooKeeper session of the brokers',
    });
  }

  const zk = input.zookeeper;
  if (zk && zk.mismatches.length > 0) {
    findings.push({
      ruleId: 'zookeeper-mismatch',
      hintId: 'leader-election',
      severity: 'warning',
      where: `zookeeper ${zk.connect}`,
      message: `ZooKeeper and the brokers' metadata disagree: ${list(zk.mismatches)}`,
      remedy:
        'usually a leader election or a broker restart in progress: check again in a few seconds; if it stays, check the controller log',
    });
  }
  return findings;
}
