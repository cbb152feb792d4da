import type { HintId } from '../errors/hint-ids.js';
import { producerCodecName } from '../hints/job-settings.js';
import { maxInFlightOf, type KafkaSinkSpec } from '../spec/index.js';
import type { Finding, Severity } from '../diagnosis/finding.js';
import { configNumber, configValue, type LintInputs, type SinkFacts, type TopicFacts } from './lint-inputs.js';
import { COPY_PATH_RULES } from './copy-path-rules.js';
import { REGISTRY_RULES } from './registry-rules.js';

/** What a rule reports; the rule's own severity applies unless the hit names another. */
export type RuleHit = Pick<Finding, 'message' | 'where' | 'remedy'> & { severity?: Severity };

/** A lint rule as data: id, the hint that explains it, how bad it usually is, and the check. */
export interface LintRule {
  id: string;
  hintId: HintId;
  severity: Severity;
  /** What it looks at, for `sluice lint --help` and the docs. */
  summary: string;
  check(inputs: LintInputs): RuleHit[];
}

// Kafka's "never" for flush.messages and flush.ms: Long.MAX_VALUE, the built-in default.
const FLUSH_NEVER = 9_223_372_036_854_775_807n;

const kafkaSink = (inputs: LintInputs): KafkaSinkSpec | undefined =>
  inputs.spec.sink.type === 'kafka' ? inputs.spec.sink : undefined;

const topicPlace = (topic: TopicFacts, config: string) => `topic ${topic.name} config ${config}`;
const brokerPlace = (facts: SinkFacts, config: string) =>
  `broker ${facts.cluster.brokerId ?? '?'} config ${config} (${facts.cluster.bootstrap})`;

/** The sink topic, when it exists and lint could read it. */
const sinkTopic = (inputs: LintInputs): TopicFacts | undefined =>
  inputs.sink?.topic.exists ? inputs.sink.topic : undefined;

function isFlushNever(value: string | undefined): boolean {
  if (value === undefined) return true;
  try {
    return BigInt(value) >= FLUSH_NEVER;
  } catch {
    return false;
  }
}

const REPLICATION_REMEDY =
  'create the sink topic with replication factor 3 and min.insync.replicas=2, and keep sink.acks "all"';

export const LINT_RULES: readonly LintRule[] = [
  {
    id: 'acks-below-all',
    hintId: 'data-loss-risk',
    severity: 'warning',
    summary: 'sink.acks below "all": acknowledged writes can be lost when the leader fails',
    check(inputs) {
      const sink = kafkaSink(inputs);
      if (!sink || sink.acks === 'all') return [];
      const what =
        sink.acks === 1
          ? 'a write counts as acknowledged once the partition leader alone has it, so a leader failure before the followers copy it loses acknowledged records'
          : 'writes are not acknowledged at all, so any broker problem loses records silently';
      const promised = sink.deliveryGuarantee !== 'none';
      return [
        {
          severity: sink.acks === 0 && promised ? 'critical' : 'warning',
          where: 'sink.acks',
          message: `sink.acks is ${sink.acks}: ${what}${promised && sink.acks === 0 ? `, which breaks deliveryGuarantee "${sink.deliveryGuarantee}"` : ''}`,
          remedy: 'set sink.acks to "all" (and sink.idempotent to true)',
        },
      ];
    },
  },
  {
    id: 'retries-zero',
    hintId: 'leader-election',
    severity: 'warning',
    summary: 'sink.retries 0: a leader election fails the send instead of being retried',
    check(inputs) {
      const sink = kafkaSink(inputs);
      if (!sink || sink.retries > 0) return [];
      return [
        {
          where: 'sink.retries',
          message:
            'sink.retries is 0: a leader election (NOT_LEADER_OR_FOLLOWER, UNKNOWN_TOPIC_OR_PARTITION) fails the send and the job instead of being retried',
          remedy: 'set sink.retries to 10 or more; keep sink.idempotent true so retries cannot reorder or duplicate',
        },
      ];
    },
  },
  {
    id: 'reorder-risk',
    hintId: 'reorder-risk',
    severity: 'warning',
    summary: 'retries with more than one request in flight and no idempotence can reorder records',
    check(inputs) {
      const sink = kafkaSink(inputs);
      const inFlight = sink ? maxInFlightOf(sink) : 1;
      if (!sink || sink.retries === 0 || inFlight <= 1 || sink.idempotent) return [];
      return [
        {
          where: 'sink.maxInFlightRequests',
          message: `sink.maxInFlightRequests is ${inFlight} with sink.retries ${sink.retries} and sink.idempotent false: a retried batch can land after a later one, reordering records in a partition`,
          remedy:
            "set sink.idempotent to true, or sink.maxInFlightRequests to 1 (Kafka's max.in.flight.requests.per.connection=1)",
        },
      ];
    },
  },
  {
    id: 'sink-compression-recompressed',
    hintId: 'compression-mismatch',
    severity: 'info',
    summary: "the sink topic's compression.type differs from sink.compression: the broker recompresses every batch",
    check(inputs) {
      const sink = kafkaSink(inputs);
      const topic = sinkTopic(inputs);
      const topicCodec = topic && configValue(topic.configs, 'compression.type');
      if (!sink || !topic || topicCodec === undefined || topicCodec === 'producer') return [];
      if (producerCodecName(topicCodec) === sink.compression) return [];
      return [
        {
          where: topicPlace(topic, 'compression.type'),
          message: `topic ${topic.name} has compression.type=${topicCodec} but sink.compression is "${sink.compression}": the broker decompresses and recompresses every batch the job writes`,
          remedy: `set sink.compression to "${producerCodecName(topicCodec)}", or the topic's compression.type to producer`,
        },
      ];
    },
  },
  {
    id: 'delivery-none',
    hintId: 'data-loss-risk',
    severity: 'info',
    summary: 'deliveryGuarantee "none": nothing is flushed at checkpoints',
    check(inputs) {
      const sink = kafkaSink(inputs);
      if (!sink || sink.deliveryGuarantee !== 'none') return [];
      return [
        {
          where: 'sink.deliveryGuarantee',
          message:
            'sink.deliveryGuarantee is "none": sends are not flushed before checkpoints, so a crash can lose records the checkpoint counts as done',
          remedy: 'use "at-least-once" (the default) or "exactly-once" unless losing records is acceptable',
        },
      ];
    },
  },
  {
    id: 'transaction-timeout-checkpoint',
    hintId: 'transaction-timeout',
    severity: 'critical',
    summary: 'exactly-once: sink.transactionTimeoutMs must be well above checkpoint.intervalMs',
    check(inputs) {
      const sink = kafkaSink(inputs);
      if (!sink || sink.deliveryGuarantee !== 'exactly-once') return [];
      const interval = inputs.spec.checkpoint.intervalMs;
      const timeout = sink.transactionTimeoutMs;
      if (timeout <= interval) {
        return [
          {
            where: 'sink.transactionTimeoutMs',
            message: `sink.transactionTimeoutMs is ${timeout} ms, not above checkpoint.intervalMs ${interval} ms: each transaction stays open a whole checkpoint interval, so the broker aborts it (the producer is fenced) before the checkpoint commits it`,
            remedy: `raise sink.transactionTimeoutMs to at least ${interval * 3} ms or lower checkpoint.intervalMs`,
          },
        ];
      }
      if (timeout < interval * 2) {
        return [
          {
            severity: 'warning',
            where: 'sink.transactionTimeoutMs',
            message: `sink.transactionTimeoutMs is ${timeout} ms, less than twice checkpoint.intervalMs ${interval} ms: a slow commit or a pause can let the broker abort the open transaction`,
            remedy: `raise sink.transactionTimeoutMs to at least ${interval * 3} ms`,
          },
        ];
      }
      return [];
    },
  },
  {
    id: 'transaction-timeout-broker-max',
    hintId: 'transaction-timeout',
    severity: 'critical',
    summary: "exactly-once: sink.transactionTimeoutMs above the broker's transaction.max.timeout.ms",
    check(inputs) {
      const sink = kafkaSink(inputs);
      if (!sink || sink.deliveryGuarantee !== 'exactly-once' || !inputs.sink) return [];
      const max = configNumber(inputs.sink.cluster.brokerConfigs, 'transaction.max.timeout.ms');
      if (max === undefined || sink.transactionTimeoutMs <= max) return [];
      return [
        {
          where: brokerPlace(inputs.sink, 'transaction.max.timeout.ms'),
          message: `sink.transactionTimeoutMs is ${sink.transactionTimeoutMs} ms but the broker's transaction.max.timeout.ms is ${max}: the transactional producer is refused at start (INVALID_TRANSACTION_TIMEOUT)`,
          remedy: `lower sink.transactionTimeoutMs to ${max} ms or less (still above checkpoint.intervalMs), or raise transaction.max.timeout.ms on the brokers`,
        },
      ];
    },
  },
  {
    id: 'source-topic-missing',
    hintId: 'topic-missing',
    severity: 'critical',
    summary: 'listed source topics must exist; a pattern should match something',
    check(inputs) {
      const source = inputs.source;
      if (!source) return [];
      const spec = inputs.spec.source;
      if (spec.topicPattern !== undefined) {
        if (source.topics.length > 0) return [];
        return [
          {
            severity: 'warning',
            where: 'source.topicPattern',
            message: `no topic on ${source.cluster.bootstrap} matches source.topicPattern /${spec.topicPattern}/ yet`,
            remedy: 'check the pattern; discovery picks up matching topics created later (discoveryIntervalMs)',
          },
        ];
      }
      return source.topics
        .filter((topic) => !topic.exists)
        .map((topic) => ({
          where: 'source.topics',
          message: `source topic "${topic.name}" does not exist on ${source.cluster.bootstrap}`,
          remedy: 'create the topic or fix source.topics (the engine never creates topics)',
        }));
    },
  },
  {
    id: 'sink-topic-missing',
    hintId: 'topic-missing',
    severity: 'critical',
    summary: 'the sink topic must exist: the engine never creates topics',
    check(inputs) {
      const sink = inputs.sink;
      if (!sink || sink.topic.exists) return [];
      const auto = configValue(sink.cluster.brokerConfigs, 'auto.create.topics.enable');
      const autoNote =
        auto === undefined
          ? ''
          : auto === 'true'
            ? ' (the broker has auto.create.topics.enable=true, but the engine never relies on it: it would pick the broker defaults num.partitions and default.replication.factor)'
            : ' and the broker will not create it (auto.create.topics.enable=false)';
      return [
        {
          where: 'sink.topic',
          message: `sink topic "${sink.topic.name}" does not exist on ${sink.cluster.bootstrap}${autoNote}`,
          remedy: `create it first, e.g. kafka-topics.sh --create --topic ${sink.topic.name} --replication-factor 3 --config min.insync.replicas=2`,
        },
      ];
    },
  },
  {
    id: 'replication-factor-one',
    hintId: 'replication-factor-one',
    severity: 'warning',
    summary: 'a sink topic with one replica loses acknowledged records with its broker',
    check(inputs) {
      const topic = sinkTopic(inputs);
      if (!topic || topic.replicationFactor !== 1) return [];
      return [
        {
          where: `topic ${topic.name} replication factor`,
          message: `sink topic "${topic.name}" has replication factor 1: every record exists on one broker only, so losing that broker's disk (or an unflushed page cache) loses acknowledged records, whatever sink.acks says`,
          remedy: `${REPLICATION_REMEDY} (kafka-reassign-partitions.sh raises the replication factor of an existing topic)`,
        },
      ];
    },
  },
  {
    id: 'min-insync-one',
    hintId: 'min-insync-one',
    severity: 'warning',
    summary: 'min.insync.replicas 1 lets acks=all be satisfied by the leader alone',
    check(inputs) {
      const topic = sinkTopic(inputs);
      const minIsr = topic && configNumber(topic.configs, 'min.insync.replicas');
      if (!topic || minIsr === undefined || minIsr > 1 || (topic.replicationFactor ?? 0) <= 1) return [];
      return [
        {
          where: topicPlace(topic, 'min.insync.replicas'),
          message: `sink topic "${topic.name}" has min.insync.replicas=${minIsr} with replication factor ${topic.replicationFactor}: when the followers fall out of sync, acks=all is satisfied by the leader alone and a leader failure loses acknowledged records`,
          remedy: `set min.insync.replicas=2 on the topic (kafka-configs.sh --alter --entity-type topics --entity-name ${topic.name} --add-config min.insync.replicas=2)`,
        },
      ];
    },
  },
  {
    id: 'min-insync-above-replicas',
    hintId: 'not-enough-replicas',
    severity: 'warning',
    summary: 'min.insync.replicas at or above the replication factor stops writes when a broker is down',
    check(inputs) {
      const topic = sinkTopic(inputs);
      const sink = kafkaSink(inputs);
      const minIsr = topic && configNumber(topic.configs, 'min.insync.replicas');
      const rf = topic?.replicationFactor;
      if (!topic || !sink || sink.acks !== 'all' || minIsr === undefined || rf === undefined || rf <= 1) return [];
      if (minIsr > rf) {
        return [
          {
            severity: 'critical',
            where: topicPlace(topic, 'min.insync.replicas'),
            message: `sink topic "${topic.name}" has min.insync.replicas=${minIsr} but replication factor ${rf}: every write with acks=all fails with NOT_ENOUGH_REPLICAS`,
            remedy: `set min.insync.replicas to ${rf - 1} or raise the replication factor`,
          },
        ];
      }
      if (minIsr < rf) return [];
      return [
        {
          where: topicPlace(topic, 'min.insync.replicas'),
          message: `sink topic "${topic.name}" has min.insync.replicas=${minIsr} equal to its replication factor ${rf}: one broker down stops every write (NOT_ENOUGH_REPLICAS)`,
          remedy: `set min.insync.replicas to ${rf - 1} so one broker can be down`,
        },
      ];
    },
  },
  {
    id: 'unclean-leader-election',
    hintId: 'unclean-leader-election',
    severity: 'warning',
    summary: 'unclean.leader.election.enable=true lets an out-of-sync replica lead and drop acknowledged records',
    check(inputs) {
      const topic = sinkTopic(inputs);
      if (!topic || configValue(topic.configs, 'unclean.leader.election.enable') !== 'true') return [];
      const fromBroker = topic.configs['unclean.leader.election.enable']?.isDefault ? ' (the broker default)' : '';
      return [
        {
          where: topicPlace(topic, 'unclean.leader.election.enable'),
          message: `sink topic "${topic.name}" has unclean.leader.election.enable=true${fromBroker}: when every in-sync replica is down, an out-of-sync replica becomes leader and the records it missed are gone, acknowledged or not`,
          remedy: `set unclean.leader.election.enable=false on the topic (kafka-configs.sh --alter --entity-type topics --entity-name ${topic.name} --add-config unclean.leader.election.enable=false)`,
        },
      ];
    },
  },
  {
    id: 'log-flush',
    hintId: 'log-flush',
    severity: 'warning',
    summary: 'acknowledged records live in the page cache until flushed; with one in-sync copy a crash loses them',
    check(inputs) {
      const topic = sinkTopic(inputs);
      if (!topic || !inputs.sink) return [];
      const broker = inputs.sink.cluster.brokerConfigs;
      const messages = configValue(topic.configs, 'flush.messages');
      const ms = configValue(topic.configs, 'flush.ms');
      const brokerSettings = ['log.flush.interval.messages', 'log.flush.interval.ms', 'log.flush.scheduler.interval.ms']
        .map((name) => `${name}=${configValue(broker, name) ?? '(not read)'}`)
        .join(', ');
      const settings = `topic flush.messages=${messages ?? '(not read)'}, flush.ms=${ms ?? '(not read)'}; broker ${brokerSettings}`;
      if (!isFlushNever(messages) || !isFlushNever(ms)) {
        return [
          {
            severity: 'info',
            where: topicPlace(topic, 'flush.messages'),
            message: `sink topic "${topic.name}" forces flushes (${settings}): durability then costs an fsync per flush and throughput drops`,
            remedy: 'prefer replication (replication factor 3, min.insync.replicas=2, acks all) over forced flushes',
          },
        ];
      }
      const minIsr = configNumber(topic.configs, 'min.insync.replicas') ?? 1;
      const copies = Math.min(topic.replicationFactor ?? 1, minIsr);
      if (copies > 1) return [];
      return [
        {
          where: topicPlace(topic, 'flush.messages'),
          message: `sink topic "${topic.name}" never forces a flush (${settings}) and an acknowledged write may exist on only one broker (replication factor ${topic.replicationFactor ?? '?'}, min.insync.replicas=${minIsr}): a crash of that machine before the OS writes its page cache loses acknowledged records`,
          remedy: `${REPLICATION_REMEDY}; only if replication is impossible, set flush.messages or flush.ms on the topic (slow)`,
        },
      ];
    },
  },
  {
    id: 'sink-partitions',
    hintId: 'invalid-config',
    severity: 'critical',
    summary: 'partitioner "source-partition" needs as many sink partitions as any source topic has',
    check(inputs) {
      const sink = kafkaSink(inputs);
      const topic = sinkTopic(inputs);
      if (!sink || sink.partitioner !== 'source-partition' || !topic?.partitions || !inputs.source) return [];
      const widest = inputs.source.topics
        .filter((t) => t.exists && t.partitions !== undefined)
        .sort((a, b) => (b.partitions ?? 0) - (a.partitions ?? 0))[0];
      if (!widest?.partitions || widest.partitions <= topic.partitions) return [];
      return [
        {
          where: 'sink.partitioner',
          message: `sink.partitioner is "source-partition" but sink topic "${topic.name}" has ${topic.partitions} partitions and source topic "${widest.name}" has ${widest.partitions}: records from the extra partitions cannot be written`,
          remedy: `add partitions to "${topic.name}" (at least ${widest.partitions}) or use sink.partitioner "murmur2"`,
        },
      ];
    },
  },
  ...REGISTRY_RULES,
  ...COPY_PATH_RULES,
];

/** Runs every rule; the result is unsorted (see sortFindings). */
export function applyRules(inputs: LintInputs, rules: readonly LintRule[] = LINT_RULES): Finding[] {
  return rules.flatMap((rule) =>
    rule.check(inputs).map(({ severity, ...hit }) => ({
      ruleId: rule.id,
      hintId: rule.hintId,
      severity: severity ?? rule.severity,
      ...hit,
    })),
  );
}
