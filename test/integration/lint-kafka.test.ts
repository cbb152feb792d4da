import { describe, expect, it } from 'vitest';
import { lintJob } from '../../engine/lint/index.js';
import { parseJobSpec, type JobSpec } from '../../engine/spec/index.js';
import { benchShape, createTopic, freshGroup, freshTopic, uniqueName } from '../bench/helpers.js';

// Lint against real brokers: the topic and broker configs come from describeConfigs, not fixtures.

function spec(bootstrap: string, input: string, sink: Record<string, unknown>, extra: object = {}): JobSpec {
  const parsed = parseJobSpec({
    version: 1,
    name: uniqueName('lint'),
    source: { cluster: { bootstrapServers: bootstrap.split(',') }, topics: [input], groupId: freshGroup('lint') },
    sink: { type: 'kafka', ...sink },
    ...extra,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
}

const rules = (findings: { ruleId: string; severity: string }[]) =>
  findings.map((f) => `${f.ruleId}:${f.severity}`).sort();

describe('lint against the single KRaft broker', () => {
  const bootstrap = () => benchShape('kraft').bootstrap;

  it('reports data-loss risks of an RF 1 topic written with acks=1', async () => {
    const input = await createTopic(bootstrap());
    const output = await createTopic(bootstrap(), { replicationFactor: 1 });
    const report = await lintJob(spec(bootstrap(), input, { topic: output, acks: 1, idempotent: false }));
    expect(report.clustersChecked).toBe(true);
    expect(rules(report.findings)).toEqual([
      'acks-below-all:warning',
      'log-flush:warning',
      'replication-factor-one:warning',
      'shallow-copy-blocked:info',
      'shallow-copy-blocked:info',
    ]);
    const byRule = Object.fromEntries(report.findings.map((f) => [f.ruleId, f]));
    expect(byRule['acks-below-all']).toMatchObject({ hintId: 'data-loss-risk', where: 'sink.acks' });
    expect(byRule['replication-factor-one']).toMatchObject({
      hintId: 'replication-factor-one',
      where: `topic ${output} replication factor`,
    });
    // The broker's real flush settings, as describeConfigs reported them.
    expect(byRule['log-flush']!.message).toContain('flush.messages=9223372036854775807');
    expect(byRule['log-flush']!.message).toMatch(/log\.flush\.interval\.messages=9223372036854775807/);
    expect(byRule['log-flush']!.message).toMatch(/log\.flush\.scheduler\.interval\.ms=\d+/);
  });

  it('reports unclean.leader.election.enable=true on the sink topic', async () => {
    const input = await createTopic(bootstrap());
    const output = await createTopic(bootstrap(), { configs: { 'unclean.leader.election.enable': 'true' } });
    const report = await lintJob(spec(bootstrap(), input, { topic: output }));
    const unclean = report.findings.find((f) => f.ruleId === 'unclean-leader-election');
    expect(unclean).toMatchObject({
      hintId: 'unclean-leader-election',
      severity: 'warning',
      where: `topic ${output} config unclean.leader.election.enable`,
    });
    expect(unclean!.message).toContain('unclean.leader.election.enable=true');
  });

  it('reports a missing sink topic as critical, naming auto.create.topics.enable=false', async () => {
    const input = await createTopic(bootstrap());
    const output = freshTopic('lint-missing');
    const report = await lintJob(spec(bootstrap(), input, { topic: output }));
    expect(report.worst).toBe('critical');
    const missing = report.findings.find((f) => f.ruleId === 'sink-topic-missing');
    expect(missing).toMatchObject({ hintId: 'topic-missing', severity: 'critical', where: 'sink.topic' });
    expect(missing!.message).toContain(`"${output}" does not exist on ${bootstrap()}`);
    expect(missing!.message).toContain('auto.create.topics.enable=false');
    const source = await lintJob(spec(bootstrap(), freshTopic('lint-nosource'), { topic: input }));
    expect(rules(source.findings)).toContain('source-topic-missing:critical');
  });

  it('reports exactly-once transaction timeouts against the checkpoint interval and the broker maximum', async () => {
    const input = await createTopic(bootstrap());
    const output = await createTopic(bootstrap());
    const eos = { topic: output, deliveryGuarantee: 'exactly-once', transactionalIdPrefix: uniqueName('lint-tx') };
    const short = await lintJob(
      spec(bootstrap(), input, { ...eos, transactionTimeoutMs: 2_000 }, { checkpoint: { intervalMs: 5_000 } }),
    );
    const timeout = short.findings.find((f) => f.ruleId === 'transaction-timeout-checkpoint');
    expect(timeout).toMatchObject({ hintId: 'transaction-timeout', severity: 'critical' });
    expect(timeout!.message).toContain('sink.transactionTimeoutMs is 2000 ms, not above checkpoint.intervalMs 5000 ms');
    // Kafka's default transaction.max.timeout.ms is 900000 (15 minutes).
    const long = await lintJob(spec(bootstrap(), input, { ...eos, transactionTimeoutMs: 1_000_000 }));
    const max = long.findings.find((f) => f.ruleId === 'transaction-timeout-broker-max');
    expect(max).toMatchObject({ severity: 'critical' });
    expect(max!.message).toContain("broker's transaction.max.timeout.ms is 900000");
  });

  it("says whether a plain copy forwards record batches, from the real topics' partition counts", async () => {
    const input = await createTopic(bootstrap(), { partitions: 3 });
    // string keys and values (the default) pass through as they are.
    const copy = (output: string) =>
      spec(bootstrap(), input, { topic: output, partitioner: 'source-partition', writeTimestamp: true });
    const wide = await lintJob(copy(await createTopic(bootstrap(), { partitions: 3 })));
    const onWide = wide.findings.filter((f) => f.hintId === 'shallow-copy');
    expect(onWide).toEqual([expect.objectContaining({ ruleId: 'shallow-copy', severity: 'info', where: 'sink' })]);
    expect(onWide[0]!.message).toContain('has a partition for every source partition');

    const narrowTopic = await createTopic(bootstrap(), { partitions: 2 });
    const narrow = await lintJob(copy(narrowTopic));
    const onNarrow = narrow.findings.filter((f) => f.hintId === 'shallow-copy');
    expect(onNarrow).toEqual([
      expect.objectContaining({ ruleId: 'shallow-copy-blocked', severity: 'info', where: 'sink.topic' }),
    ]);
    expect(onNarrow[0]!.message).toContain(`"${narrowTopic}" has 2 partitions and the source 3`);
  });

  it('still checks the spec when the cluster cannot be reached', async () => {
    const report = await lintJob(spec('127.0.0.1:1', 'any', { topic: 'out', acks: 1, idempotent: false }));
    expect(report.clustersChecked).toBe(false);
    expect(rules(report.findings)).toEqual([
      'acks-below-all:warning',
      'cluster-unreachable:warning',
      'shallow-copy-blocked:info',
      'shallow-copy-blocked:info',
    ]);
    expect(report.findings.find((f) => f.ruleId === 'cluster-unreachable')!.message).toContain('127.0.0.1:1');
  });
});

describe('lint against the three-broker cluster', () => {
  it('finds only what keeps a default sink from copying shallow on an RF 3 topic with min.insync.replicas=2', async () => {
    const { bootstrap } = benchShape('cluster3');
    const input = await createTopic(bootstrap, { partitions: 3 });
    const output = await createTopic(bootstrap, { partitions: 3, replicationFactor: 3 });
    const report = await lintJob(spec(bootstrap, input, { topic: output }));
    expect(report.clustersChecked).toBe(true);
    // Only what keeps a default sink from copying shallow (info).
    expect(report.findings.map((f) => `${f.ruleId}:${f.where}`)).toEqual([
      'shallow-copy-blocked:sink.partitioner',
      'shallow-copy-blocked:sink.writeTimestamp',
    ]);
  });
});
