import { describe, expect, it } from 'vitest';
import { parseJobSpec, type JobSpec, type JobSpecInput } from '../spec/index';
import { HINT_IDS } from '../errors/hint-ids';
import { sortFindings, worstSeverity } from '../diagnosis/finding';
import type { Configs, LintInputs, TopicFacts } from './lint-inputs';
import { isCopyPathFinding } from './copy-path-rules';
import { applyRules as applyAll, LINT_RULES } from './rules';

// The copy path rules (info, on every plain Kafka copy) have their own spec: copy-path-rules.spec.ts.
const applyRules = (i: LintInputs) => applyAll(i).filter((f) => !isCopyPathFinding(f));

function spec(sink: Record<string, unknown> = {}, extra: Partial<JobSpecInput> = {}): JobSpec {
  const parsed = parseJobSpec({
    version: 1,
    name: 'lint-fixture',
    source: { cluster: { bootstrapServers: ['b:9092'] }, topics: ['orders'], groupId: 'g' },
    sink: { type: 'kafka', topic: 'out', ...sink },
    ...extra,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
}

const configs = (values: Record<string, string>, isDefault = false): Configs =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v, isDefault }]));

const NEVER = '9223372036854775807';
const safeTopic = (over: Partial<TopicFacts> = {}): TopicFacts => ({
  name: 'out',
  exists: true,
  partitions: 3,
  replicationFactor: 3,
  configs: configs({
    'min.insync.replicas': '2',
    'unclean.leader.election.enable': 'false',
    'flush.messages': NEVER,
    'flush.ms': NEVER,
  }),
  ...over,
});
const broker = configs({
  'auto.create.topics.enable': 'false',
  'transaction.max.timeout.ms': '900000',
  'log.flush.interval.messages': NEVER,
  'log.flush.interval.ms': 'null',
  'log.flush.scheduler.interval.ms': NEVER,
});
const cluster = { bootstrap: 'b:9092', brokerId: 1, brokerConfigs: broker };

function inputs(jobSpec: JobSpec, topic: TopicFacts = safeTopic(), sourceTopics?: TopicFacts[]): LintInputs {
  return {
    spec: jobSpec,
    source: {
      cluster,
      topics: sourceTopics ?? [{ name: 'orders', exists: true, partitions: 3, replicationFactor: 3, configs: {} }],
    },
    sink: { cluster, topic },
  };
}

const ids = (i: LintInputs) =>
  applyRules(i)
    .map((f) => `${f.ruleId}:${f.severity}`)
    .sort();

describe('lint rules', () => {
  it('finds nothing in a safe job on a safe topic', () => {
    expect(applyRules(inputs(spec()))).toEqual([]);
  });

  it('gives every rule a known hint id and a distinct id', () => {
    expect(new Set(LINT_RULES.map((r) => r.id)).size).toBe(LINT_RULES.length);
    for (const rule of LINT_RULES) expect(HINT_IDS).toContain(rule.hintId);
  });

  it('warns about acks 1 and makes acks 0 critical when a guarantee is promised', () => {
    const one = applyRules(inputs(spec({ acks: 1, idempotent: false })));
    expect(one).toEqual([
      expect.objectContaining({
        ruleId: 'acks-below-all',
        hintId: 'data-loss-risk',
        severity: 'warning',
        where: 'sink.acks',
      }),
    ]);
    expect(one[0]!.message).toContain('sink.acks is 1');
    expect(ids(inputs(spec({ acks: 0, idempotent: false })))).toEqual(['acks-below-all:critical']);
    expect(ids(inputs(spec({ acks: 0, idempotent: false, deliveryGuarantee: 'none' })))).toEqual([
      'acks-below-all:warning',
      'delivery-none:info',
    ]);
  });

  it('warns about no retries and about reordering without idempotence', () => {
    expect(ids(inputs(spec({ retries: 0 })))).toEqual(['retries-zero:warning']);
    const reorder = applyRules(inputs(spec({ idempotent: false, maxInFlightRequests: 5 })));
    expect(reorder.map((f) => f.ruleId)).toEqual(['reorder-risk']);
    expect(reorder[0]!.message).toContain('sink.maxInFlightRequests is 5');
    expect(ids(inputs(spec({ idempotent: true, maxInFlightRequests: 5 })))).toEqual([]);
  });

  it('checks the transaction timeout against the checkpoint interval and the broker maximum', () => {
    const eos = { deliveryGuarantee: 'exactly-once', transactionalIdPrefix: 'p' };
    const short = applyRules(
      inputs(spec({ ...eos, transactionTimeoutMs: 5_000 }, { checkpoint: { intervalMs: 10_000 } })),
    );
    expect(short).toEqual([
      expect.objectContaining({
        ruleId: 'transaction-timeout-checkpoint',
        severity: 'critical',
        hintId: 'transaction-timeout',
      }),
    ]);
    expect(short[0]!.message).toMatch(/transactionTimeoutMs is 5000 ms, not above checkpoint.intervalMs 10000 ms/);
    expect(ids(inputs(spec({ ...eos, transactionTimeoutMs: 15_000 }, { checkpoint: { intervalMs: 10_000 } })))).toEqual(
      ['transaction-timeout-checkpoint:warning'],
    );
    const overMax = applyRules(inputs(spec({ ...eos, transactionTimeoutMs: 1_000_000 })));
    expect(overMax.map((f) => f.ruleId)).toEqual(['transaction-timeout-broker-max']);
    expect(overMax[0]!.where).toBe('broker 1 config transaction.max.timeout.ms (b:9092)');
  });

  it('reports missing topics, naming the auto-create setting', () => {
    const missing = applyRules(
      inputs(spec(), { name: 'out', exists: false, configs: {} }, [{ name: 'orders', exists: false, configs: {} }]),
    );
    expect(missing.map((f) => `${f.ruleId}:${f.where}`).sort()).toEqual([
      'sink-topic-missing:sink.topic',
      'source-topic-missing:source.topics',
    ]);
    expect(missing.find((f) => f.ruleId === 'sink-topic-missing')!.message).toContain(
      'auto.create.topics.enable=false',
    );
    const pattern = spec(
      {},
      { source: { cluster: { bootstrapServers: ['b:9092'] }, topicPattern: 'm-.*', groupId: 'g' } },
    );
    expect(ids(inputs(pattern, safeTopic(), []))).toEqual(['source-topic-missing:warning']);
  });

  it('reports replication factor 1 with the flush risk, min.insync.replicas 1, and unclean election', () => {
    const rf1 = safeTopic({
      replicationFactor: 1,
      configs: configs({ 'min.insync.replicas': '1', 'flush.messages': NEVER, 'flush.ms': NEVER }),
    });
    const found = applyRules(inputs(spec(), rf1));
    expect(found.map((f) => f.ruleId).sort()).toEqual(['log-flush', 'replication-factor-one']);
    expect(found.find((f) => f.ruleId === 'log-flush')!.message).toContain(
      'log.flush.interval.messages=9223372036854775807',
    );
    const minIsr = applyRules(
      inputs(
        spec(),
        safeTopic({ configs: configs({ 'min.insync.replicas': '1', 'flush.messages': NEVER, 'flush.ms': NEVER }) }),
      ),
    );
    expect(minIsr.map((f) => `${f.ruleId}:${f.where}`).sort()).toEqual([
      'log-flush:topic out config flush.messages',
      'min-insync-one:topic out config min.insync.replicas',
    ]);
    const unclean = applyRules(
      inputs(
        spec(),
        safeTopic({ configs: { ...safeTopic().configs, ...configs({ 'unclean.leader.election.enable': 'true' }) } }),
      ),
    );
    expect(unclean).toEqual([
      expect.objectContaining({
        ruleId: 'unclean-leader-election',
        where: 'topic out config unclean.leader.election.enable',
      }),
    ]);
  });

  it('warns when min.insync.replicas leaves no room for a broker down, critical when above the replicas', () => {
    const equal = safeTopic({ configs: { ...safeTopic().configs, ...configs({ 'min.insync.replicas': '3' }) } });
    expect(ids(inputs(spec(), equal))).toEqual(['min-insync-above-replicas:warning']);
    const above = safeTopic({ configs: { ...safeTopic().configs, ...configs({ 'min.insync.replicas': '4' }) } });
    expect(ids(inputs(spec(), above))).toEqual(['min-insync-above-replicas:critical']);
  });

  it('notes forced flushes as a cost, not a risk', () => {
    const flushing = safeTopic({ configs: { ...safeTopic().configs, ...configs({ 'flush.messages': '1' }) } });
    expect(ids(inputs(spec(), flushing))).toEqual(['log-flush:info']);
  });

  it('notes a sink topic codec the producer does not use, and accepts every codec name', () => {
    const zstdTopic = safeTopic({ configs: { ...safeTopic().configs, ...configs({ 'compression.type': 'zstd' }) } });
    expect(ids(inputs(spec({ compression: 'lz4' }), zstdTopic))).toEqual(['sink-compression-recompressed:info']);
    expect(applyRules(inputs(spec({ compression: 'lz4' }), zstdTopic))[0]!.remedy).toContain('"zstd"');
    expect(ids(inputs(spec({ compression: 'zstd' }), zstdTopic))).toEqual([]);
    const plain = safeTopic({
      configs: { ...safeTopic().configs, ...configs({ 'compression.type': 'uncompressed' }) },
    });
    expect(ids(inputs(spec(), plain))).toEqual([]);
    expect(ids(inputs(spec({ compression: 'snappy' }), plain))).toEqual(['sink-compression-recompressed:info']);
    const producer = safeTopic({ configs: { ...safeTopic().configs, ...configs({ 'compression.type': 'producer' }) } });
    for (const codec of ['none', 'gzip', 'snappy', 'lz4', 'zstd']) {
      expect(ids(inputs(spec({ compression: codec }), producer))).toEqual([]);
    }
    expect(parseJobSpec({ ...spec(), sink: { type: 'kafka', topic: 'out', compression: 'brotli' } }).ok).toBe(false);
  });

  it('needs enough sink partitions for the source-partition partitioner', () => {
    const narrow = safeTopic({ partitions: 2 });
    const found = applyRules(inputs(spec({ partitioner: 'source-partition' }), narrow));
    expect(found.map((f) => f.ruleId)).toEqual(['sink-partitions']);
    expect(found[0]!.message).toContain('has 2 partitions and source topic "orders" has 3');
  });

  it('checks only the spec when no cluster facts were read', () => {
    expect(ids({ spec: spec({ acks: 1, idempotent: false }) })).toEqual(['acks-below-all:warning']);
  });

  it('sorts the most severe first and names the worst severity', () => {
    const found = applyRules(inputs(spec({ acks: 1, idempotent: false }), { name: 'out', exists: false, configs: {} }));
    const sorted = sortFindings(found);
    expect(sorted.map((f) => f.severity)).toEqual(['critical', 'warning']);
    expect(worstSeverity(found)).toBe('critical');
    expect(worstSeverity([])).toBeUndefined();
  });
});
