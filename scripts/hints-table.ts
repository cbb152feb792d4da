// Prints the README's "Troubleshooting hints" table from the catalogue, so the two cannot drift:
//   npx tsx scripts/hints-table.ts
import { HINT_CATALOGUE } from '../engine/hints/catalogue.js';

// Entries an integration test induces on the bench; every other entry's matchers are covered by
// engine/hints/match.spec.ts only.
const INDUCED: Record<string, string> = {
  'leader-election': 'hints-failover (broker stopped and restarted)',
  'under-replicated': 'hints-failover (broker stopped and restarted)',
  'record-too-large': 'hints-induced (topic max.message.bytes)',
  'topic-missing': 'hints-induced (job on a missing topic)',
  'offset-out-of-range': 'hints-induced (deleteRecords past the group offset)',
  'data-loss-risk': 'hints-induced (sink acks 1)',
  'replication-factor-one': 'hints-induced (sink topic with one replica)',
  'ssh-host-key-changed': 'hints-induced (wrong pinned fingerprint)',
  'sasl-auth': 'hints-induced (wrong password on a SASL/PLAIN listener)',
  'transaction-timeout': 'lint-kafka (transaction timeout at or below the checkpoint interval)',
  'unclean-leader-election': 'lint-kafka (topic with unclean.leader.election.enable=true)',
  'log-flush': 'lint-kafka (acks 1 on a one-replica topic)',
  'offline-partitions': 'health-cluster (the only replica of a topic stopped)',
  'registry-not-found': 'registry-client (`sluice cluster test` on a URL without the registry API)',
  'registry-auth': 'registry-client (`sluice cluster test` against a registry answering 401)',
  'advertised-listener-unreachable': 'health-advertised (broker advertising an address only the jump host resolves)',
  'group-active': 'engine-group-reset, report-console (reset refused while a consumer is in the group)',
  'ssh-host-key-unknown': 'console-clusters (trust prompt for the bench sshd)',
  'transform-budget': 'cli-stop (a filter that never ends, SIGTERM while it spins)',
};

const rows = HINT_CATALOGUE.map(
  (entry) =>
    `| \`${entry.id}\` | ${entry.title} | ${entry.severity} | ${entry.retriable ? 'yes' : 'no'} | ${
      INDUCED[entry.id] ? `integration: ${INDUCED[entry.id]}` : 'unit test only'
    } |`,
);
console.log(
  ['| id | title | severity | retriable | how it is tested |', '| --- | --- | --- | --- | --- |', ...rows].join('\n'),
);
