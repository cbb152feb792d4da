import kafkajs, { type Admin } from 'kafkajs';
import { refusedConfigs, describeTopicConfigs } from './topic-configs.js';
import { awaitPartitionLeaders, describeTopic, requireTopic, type TopicDescription } from './topic-describe.js';
import type { AddPartitionsRequest, CreateTopicRequest, DeleteTopicRequest } from './topic-request.js';
import { refusalProblem, TopicRefusedError } from './topic-refusal.js';

const { ConfigResourceTypes } = kafkajs;

/** How long the broker may take to create, extend or delete a topic before it answers. */
const ADMIN_TIMEOUT_MS = 15_000;

/** What a create resolves to once `like` and the broker's defaults are filled in. */
export interface CreateTopicPlan {
  topic: string;
  partitions: number;
  replicationFactor: number;
  configs: Record<string, string>;
}

/**
 * Fills in what the request leaves out: from the `like` topic (its partition count, replication
 * factor and overrides, with the request's own values winning), else the broker's `num.partitions`
 * and `default.replication.factor` (kafkajs speaks a CreateTopics version without "broker default").
 */
export async function planCreateTopic(admin: Admin, request: CreateTopicRequest): Promise<CreateTopicPlan> {
  let like: { partitions: number; replicationFactor: number; configs: Record<string, string> } | undefined;
  if (request.like !== undefined) {
    await requireTopic(admin, request.like, 'like');
    const described = await describeTopic(admin, request.like);
    const configs = await describeTopicConfigs(admin, request.like);
    like = {
      partitions: described.partitions.length,
      replicationFactor: described.replicationFactor,
      configs: Object.fromEntries(configs.overrides.flatMap((o) => (o.value === null ? [] : [[o.name, o.value]]))),
    };
  }
  const needDefaults = !like && (request.partitions === undefined || request.replicationFactor === undefined);
  const fallback = like ?? (needDefaults ? await brokerDefaults(admin) : { partitions: 1, replicationFactor: 1 });
  return {
    topic: request.topic,
    partitions: request.partitions ?? fallback.partitions,
    replicationFactor: request.replicationFactor ?? fallback.replicationFactor,
    configs: { ...like?.configs, ...request.configs },
  };
}

export async function createTopic(admin: Admin, request: CreateTopicRequest): Promise<TopicDescription> {
  const plan = await planCreateTopic(admin, request);
  const create = (configs: Record<string, string>, validateOnly: boolean) =>
    admin.createTopics({
      validateOnly,
      // Waiting for leaders reads metadata, which would auto-create a topic that a validation left out.
      waitForLeaders: !validateOnly,
      timeout: ADMIN_TIMEOUT_MS,
      topics: [
        {
          topic: plan.topic,
          numPartitions: plan.partitions,
          replicationFactor: plan.replicationFactor,
          configEntries: Object.entries(configs).map(([name, value]) => ({ name, value })),
        },
      ],
    });
  let created: boolean;
  try {
    created = await create(plan.configs, false);
  } catch (error) {
    throw await refusedConfigs(error, plan.topic, Object.entries(plan.configs), (name, value) =>
      create({ [name]: value }, true),
    );
  }
  // kafkajs answers false, not an error, when the topic already exists.
  if (!created) {
    throw new TopicRefusedError(plan.topic, [
      { path: 'topic', message: `a topic named "${plan.topic}" already exists` },
    ]);
  }
  await awaitPartitionLeaders(admin, plan.topic, plan.partitions);
  return describeTopic(admin, plan.topic);
}

/** Kafka can only add partitions: a count at or below the current one is refused before asking the broker. */
export async function addPartitions(admin: Admin, request: AddPartitionsRequest): Promise<TopicDescription> {
  const current = (await describeTopic(admin, request.topic)).partitions.length;
  if (request.partitions <= current) {
    const message =
      request.partitions === current
        ? `the topic already has ${current} partition${current === 1 ? '' : 's'}; give a larger count to add some`
        : `the topic has ${current} partitions and Kafka cannot remove partitions: give more than ${current}, or create a new topic with fewer and copy the records`;
    throw new TopicRefusedError(request.topic, [{ path: 'partitions', message }]);
  }
  try {
    await admin.createPartitions({
      timeout: ADMIN_TIMEOUT_MS,
      topicPartitions: [{ topic: request.topic, count: request.partitions }],
    });
  } catch (error) {
    const problem = refusalProblem(error);
    throw problem ? new TopicRefusedError(request.topic, [problem], { cause: error }) : error;
  }
  await awaitPartitionLeaders(admin, request.topic, request.partitions);
  return describeTopic(admin, request.topic);
}

export async function deleteTopic(admin: Admin, request: DeleteTopicRequest): Promise<void> {
  await requireTopic(admin, request.topic);
  try {
    await admin.deleteTopics({ topics: [request.topic], timeout: ADMIN_TIMEOUT_MS });
  } catch (error) {
    const problem = refusalProblem(error);
    throw problem ? new TopicRefusedError(request.topic, [problem], { cause: error }) : error;
  }
}

async function brokerDefaults(admin: Admin): Promise<{ partitions: number; replicationFactor: number }> {
  const cluster = await admin.describeCluster();
  const broker = cluster.brokers.find((b) => b.nodeId === cluster.controller) ?? cluster.brokers[0];
  if (!broker) return { partitions: 1, replicationFactor: 1 };
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [
      {
        type: ConfigResourceTypes.BROKER,
        name: String(broker.nodeId),
        configNames: ['num.partitions', 'default.replication.factor'],
      },
    ],
  });
  const value = (name: string) => {
    const raw = described.resources[0]?.configEntries.find((e) => e.configName === name)?.configValue;
    const n = Number(raw);
    return Number.isInteger(n) && n > 0 ? n : 1;
  };
  return { partitions: value('num.partitions'), replicationFactor: value('default.replication.factor') };
}
