import kafkajs, { type Admin, type ConfigEntries } from 'kafkajs';
import type { AlterConfigsRequest } from './topic-request.js';
import { brokerRefusal, refusalProblem, TopicRefusedError } from './topic-refusal.js';

const { ConfigResourceTypes, ConfigSource } = kafkajs;

/** Where a config's value comes from, in Kafka's own terms (kafka-configs --describe --all). */
export type ConfigOrigin =
  'topic' | 'dynamic-broker' | 'dynamic-default-broker' | 'static-broker' | 'default' | 'unknown';

const ORIGINS: Record<number, ConfigOrigin> = {
  [ConfigSource.TOPIC_CONFIG]: 'topic',
  [ConfigSource.DYNAMIC_BROKER_CONFIG]: 'dynamic-broker',
  [ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG]: 'dynamic-default-broker',
  [ConfigSource.STATIC_BROKER_CONFIG]: 'static-broker',
  [ConfigSource.DEFAULT_CONFIG]: 'default',
};

export interface TopicConfigEntry {
  name: string;
  /** null for a sensitive value the broker does not reveal. */
  value: string | null;
  origin: ConfigOrigin;
  readOnly: boolean;
  sensitive: boolean;
}

/** A topic's configs: the overrides set on the topic, apart from the values it inherits. */
export interface TopicConfigs {
  topic: string;
  overrides: TopicConfigEntry[];
  defaults: TopicConfigEntry[];
}

export function toConfigEntry(entry: ConfigEntries): TopicConfigEntry {
  return {
    name: entry.configName,
    value: entry.isSensitive ? null : entry.configValue,
    origin: ORIGINS[entry.configSource] ?? 'unknown',
    readOnly: entry.readOnly,
    sensitive: entry.isSensitive,
  };
}

export async function describeTopicConfigs(admin: Admin, topic: string): Promise<TopicConfigs> {
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }],
  });
  const entries = (described.resources[0]?.configEntries ?? [])
    .map(toConfigEntry)
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    topic,
    overrides: entries.filter((e) => e.origin === 'topic'),
    defaults: entries.filter((e) => e.origin !== 'topic'),
  };
}

/**
 * Sets and resets overrides, keeping the others. kafkajs only has the non-incremental AlterConfigs
 * (the broker replaces every override with what is sent), so the current overrides are read and
 * merged, the result is checked with validateOnly, and only then written. A refused value is
 * found by checking each change alone, so the error names its config.
 */
export async function alterTopicConfigs(admin: Admin, request: AlterConfigsRequest): Promise<TopicConfigs> {
  const current = await describeTopicConfigs(admin, request.topic);
  const hidden = current.overrides.filter((o) => o.value === null).map((o) => o.name);
  if (hidden.length > 0) {
    throw new TopicRefusedError(request.topic, [
      {
        path: 'configs',
        message: `the topic has sensitive overrides (${hidden.join(', ')}) whose values the broker does not reveal; rewriting the overrides would lose them, so change them with kafka-configs`,
      },
    ]);
  }
  const kept = Object.fromEntries(current.overrides.map((o) => [o.name, o.value ?? '']));
  for (const name of request.reset) delete kept[name];
  const merged = { ...kept, ...request.configs };
  const write = (configs: Record<string, string>, validateOnly: boolean) =>
    admin.alterConfigs({
      validateOnly,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: request.topic,
          configEntries: Object.entries(configs).map(([name, value]) => ({ name, value })),
        },
      ],
    });
  try {
    await write(merged, true);
  } catch (error) {
    throw await refusedConfigs(error, request.topic, Object.entries(request.configs), (name, value) =>
      write({ ...kept, [name]: value }, true),
    );
  }
  await write(merged, false);
  return describeTopicConfigs(admin, request.topic);
}

/**
 * The refusal as problems by field: each config that the broker refuses on its own becomes
 * `configs.<name>`; if none does alone (or the error is about something else), the error as a whole.
 * Errors that are not refusals (a lost connection) are returned unchanged, to be thrown as they are.
 */
export async function refusedConfigs(
  error: unknown,
  topic: string,
  configs: [string, string][],
  tryOne: (name: string, value: string) => Promise<unknown>,
): Promise<unknown> {
  const whole = refusalProblem(error);
  if (!whole) return error;
  const problems = [];
  if (whole.path === 'configs') {
    for (const [name, value] of configs.slice(0, 50)) {
      try {
        await tryOne(name, value);
      } catch (one) {
        const problem = refusalProblem(one, `configs.${name}`);
        if (!problem) return one;
        // Only the same refusal counts against this config (not, say, a replication factor refused too).
        if (brokerRefusal(one)?.type !== brokerRefusal(error)?.type) continue;
        problems.push({ ...problem, message: `${name}=${value}: ${problem.message}` });
      }
    }
  }
  return new TopicRefusedError(topic, problems.length > 0 ? problems : [whole], { cause: error });
}
