import type { Admin } from 'kafkajs';
import kafkajs from 'kafkajs';
import { maxInFlightOf, type JobSpec } from '../spec/index.js';
import { HINT_CATALOGUE } from './catalogue.js';
import type { HintEntry } from './catalogue-schema.js';
import { matchFacts } from './match.js';
import type { HintObservation } from './observation.js';

const { ConfigResourceTypes } = kafkajs;

/** The sink producer's settings under their Kafka names, plus the checkpoint interval. */
export function producerSettings(spec: JobSpec): Record<string, string> {
  const settings: Record<string, string> = { 'checkpoint.interval.ms': String(spec.checkpoint.intervalMs) };
  const sink = spec.sink;
  if (sink.type !== 'kafka') return settings;
  settings['acks'] = String(sink.acks);
  settings['enable.idempotence'] = String(sink.idempotent);
  settings['retries'] = String(sink.retries);
  settings['max.in.flight.requests.per.connection'] = String(maxInFlightOf(sink));
  settings['compression.type'] = sink.compression;
  if (sink.deliveryGuarantee === 'exactly-once') settings['transaction.timeout.ms'] = String(sink.transactionTimeoutMs);
  return settings;
}

const TOPIC_SETTINGS = [
  'min.insync.replicas',
  'unclean.leader.election.enable',
  'flush.messages',
  'flush.ms',
  'compression.type',
];

/** A topic's replication factor and the configs that decide whether acknowledged writes survive. */
export async function topicDurabilitySettings(admin: Admin, topic: string): Promise<Record<string, string>> {
  const settings: Record<string, string> = {};
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  const replicas = topics[0]?.partitions[0]?.replicas.length;
  if (replicas !== undefined) settings['replication.factor'] = String(replicas);
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: TOPIC_SETTINGS }],
  });
  for (const entry of described.resources[0]?.configEntries ?? []) {
    if (entry.configValue === null || entry.configValue === undefined) continue;
    if (entry.configName === 'compression.type')
      settings['topic.compression.type'] = producerCodecName(entry.configValue);
    else settings[entry.configName] = entry.configValue;
  }
  return settings;
}

/**
 * The configuration hints (entries with `config` matchers) the settings trigger, each with the
 * settings its rules name as evidence.
 */
export function configObservations(
  settings: Readonly<Record<string, string>>,
  topic: string | undefined,
  at = Date.now(),
): HintObservation[] {
  const configEntries = HINT_CATALOGUE.filter((entry) => entry.matchers.config !== undefined);
  return matchFacts({ settings }, configEntries).map((hintId) => {
    const named = settingsNamedBy(
      HINT_CATALOGUE.find((entry) => entry.id === hintId)!,
      settings,
    );
    const list = Object.entries(named)
      .map(([name, value]) => `${name}=${value}`)
      .join(', ');
    return {
      hintId,
      at,
      origin: 'config' as const,
      message: `${topic === undefined ? 'the sink' : `sink topic "${topic}"`} runs with ${list}`,
      settings: named,
      ...(topic === undefined ? {} : { topic }),
    };
  });
}

function settingsNamedBy(entry: HintEntry, settings: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const group of entry.matchers.config ?? []) {
    for (const rule of group) {
      for (const name of rule.op === 'lt-setting' ? [rule.setting, rule.value] : [rule.setting]) {
        if (settings[name] !== undefined) out[name] = settings[name];
      }
    }
  }
  return out;
}

/**
 * A topic's `compression.type` in the producer's vocabulary (the topic says `uncompressed` where the
 * producer says `none`), kept apart from the producer's own `compression.type` setting.
 */
export function producerCodecName(topicValue: string): string {
  return topicValue === 'uncompressed' ? 'none' : topicValue;
}
