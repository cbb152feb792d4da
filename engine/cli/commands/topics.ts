import type { Command } from 'commander';
import type { Admin } from 'kafkajs';
import { parseWith } from '../../spec/validation.js';
import {
  addPartitions,
  addPartitionsRequestSchema,
  alterConfigsRequestSchema,
  alterTopicConfigs,
  createTopic,
  createTopicRequestSchema,
  deleteTopic,
  deleteTopicRequestSchema,
  describeTopic,
  describeTopicConfigs,
  parseConfigPairs,
  TopicRefusedError,
  type TopicConfigEntry,
  type TopicConfigs,
  type TopicDescription,
  type TopicPartitionDetail,
} from '../../topics/index.js';
import type { z } from 'zod';
import type { CliIo } from '../cli-io.js';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.js';
import { createProfileKafka } from '../kafka-client.js';
import { formatTable, type Column } from '../table.js';
import { CLUSTERS_HELP, cliClusterConnections, TRUST_HOST_KEY_HELP, type ClusterOptions } from './cluster-profiles.js';

type Act = <A extends unknown[]>(
  handler: (...args: A) => Promise<ExitCode> | ExitCode,
) => (...args: A) => Promise<void>;

interface TopicOptions extends ClusterOptions {
  json?: boolean;
}
export interface CreateOptions extends TopicOptions {
  partitions?: string;
  replicationFactor?: string;
  config?: string[];
  like?: string;
}
export interface AlterOptions extends TopicOptions {
  config?: string[];
  reset?: string[];
  partitions?: string;
}
export interface DeleteOptions extends TopicOptions {
  yes?: boolean;
  confirm?: string;
}
export interface DescribeOptions extends TopicOptions {
  all?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];
const CONFIG_HELP = 'a config override name=value, e.g. retention.ms=86400000 (repeatable)';

/** `sluice topics ...`: create, delete, alter (configs, partitions) and describe topics on a profile's cluster. */
export function registerTopicsCommands(program: Command, io: CliIo, act: Act): void {
  const topics = program
    .command('topics')
    .description('topic administration: create, delete, alter configs and partitions, describe');
  const target = (command: Command) =>
    command
      .argument('<profile>', 'cluster profile name')
      .argument('<topic>', 'topic name')
      .option('--clusters <file>', CLUSTERS_HELP)
      .option('--trust-host-key <fingerprint>', TRUST_HOST_KEY_HELP)
      .option('--json', 'print JSON instead of text');

  target(topics.command('create').description('create a topic; a refused value is named with the broker error'))
    .option('--partitions <n>', "partition count (default: the --like topic's, else the broker's num.partitions)")
    .option('--replication-factor <n>', "replicas per partition (default: the --like topic's, else the broker's)")
    .option('--config <name=value>', CONFIG_HELP, collect)
    .option('--like <topic>', "copy this topic's partition count, replication factor and config overrides")
    .action(
      act((profile: string, topic: string, options: CreateOptions) => topicsCreateCommand(io, profile, topic, options)),
    );

  target(
    topics
      .command('alter')
      .description('set or reset config overrides (the others stay) and/or add partitions (never fewer)'),
  )
    .option('--config <name=value>', CONFIG_HELP, collect)
    .option('--reset <name>', 'remove this override so the broker default applies (repeatable)', collect)
    .option('--partitions <n>', 'the new partition count; more than now (Kafka cannot remove partitions)')
    .action(
      act((profile: string, topic: string, options: AlterOptions) => topicsAlterCommand(io, profile, topic, options)),
    );

  target(topics.command('delete').description('delete a topic and its records; asks for --yes or --confirm <topic>'))
    .option('--yes', 'delete without typing the name again')
    .option('--confirm <topic>', 'the topic name typed again')
    .action(
      act((profile: string, topic: string, options: DeleteOptions) => topicsDeleteCommand(io, profile, topic, options)),
    );

  target(
    topics.command('describe').description('partitions (leader, replicas, ISR, log start/end) and config overrides'),
  )
    .option('--all', 'also list the configs the topic inherits (broker and Kafka defaults)')
    .action(
      act((profile: string, topic: string, options: DescribeOptions) =>
        topicsDescribeCommand(io, profile, topic, options),
      ),
    );
}

export async function topicsCreateCommand(
  io: CliIo,
  profile: string,
  topic: string,
  options: CreateOptions,
): Promise<ExitCode> {
  const request = parsed(createTopicRequestSchema, {
    topic,
    ...(options.partitions === undefined ? {} : { partitions: count('--partitions', options.partitions) }),
    ...(options.replicationFactor === undefined
      ? {}
      : { replicationFactor: count('--replication-factor', options.replicationFactor) }),
    configs: configPairs(options.config),
    ...(options.like === undefined ? {} : { like: options.like }),
  });
  return withTopicAdmin(io, profile, options, async (admin) => {
    const created = await createTopic(admin, request);
    const configs = await describeTopicConfigs(admin, topic);
    printTopic(io, created, configs, options);
    io.err(
      `topic "${topic}" created: ${created.partitions.length} partition(s), replication factor ${created.replicationFactor}`,
    );
  });
}

export async function topicsAlterCommand(
  io: CliIo,
  profile: string,
  topic: string,
  options: AlterOptions,
): Promise<ExitCode> {
  const configs = configPairs(options.config);
  const reset = options.reset ?? [];
  const changesConfigs = Object.keys(configs).length > 0 || reset.length > 0;
  if (!changesConfigs && options.partitions === undefined) {
    throw new UsageError('nothing to change: give --config, --reset or --partitions');
  }
  const alter = changesConfigs ? parsed(alterConfigsRequestSchema, { topic, configs, reset }) : undefined;
  const extend =
    options.partitions === undefined
      ? undefined
      : parsed(addPartitionsRequestSchema, { topic, partitions: count('--partitions', options.partitions) });
  return withTopicAdmin(io, profile, options, async (admin) => {
    if (alter) await alterTopicConfigs(admin, alter);
    if (extend) await addPartitions(admin, extend);
    printTopic(io, await describeTopic(admin, topic), await describeTopicConfigs(admin, topic), options);
    io.err(`topic "${topic}" altered`);
  });
}

export async function topicsDeleteCommand(
  io: CliIo,
  profile: string,
  topic: string,
  options: DeleteOptions,
): Promise<ExitCode> {
  if (!options.yes && options.confirm === undefined) {
    throw new UsageError(`deleting "${topic}" removes its records for good: add --yes, or --confirm ${topic}`);
  }
  const request = parsed(deleteTopicRequestSchema, { topic, confirm: options.yes ? topic : options.confirm });
  return withTopicAdmin(io, profile, options, async (admin) => {
    await deleteTopic(admin, request);
    if (options.json) io.out(JSON.stringify({ topic, deleted: true }, null, 2));
    io.err(`topic "${topic}" deleted`);
  });
}

export async function topicsDescribeCommand(
  io: CliIo,
  profile: string,
  topic: string,
  options: DescribeOptions,
): Promise<ExitCode> {
  return withTopicAdmin(io, profile, options, async (admin) => {
    printTopic(io, await describeTopic(admin, topic), await describeTopicConfigs(admin, topic), options);
  });
}

const ids = (list: number[]) => list.join(',');
const PARTITION_COLUMNS: readonly Column<TopicPartitionDetail>[] = [
  { header: 'PARTITION', key: 'partition', align: 'right', value: (p) => p.partition },
  { header: 'LEADER', key: 'leader', align: 'right', value: (p) => p.leader },
  { header: 'REPLICAS', key: 'replicas', align: 'left', value: (p) => ids(p.replicas) },
  { header: 'ISR', key: 'isr', align: 'left', value: (p) => ids(p.isr) },
  { header: 'LOG-START-OFFSET', key: 'logStartOffset', align: 'right', value: (p) => p.logStartOffset },
  { header: 'LOG-END-OFFSET', key: 'logEndOffset', align: 'right', value: (p) => p.logEndOffset },
];
const CONFIG_COLUMNS: readonly Column<TopicConfigEntry>[] = [
  { header: 'CONFIG', key: 'name', align: 'left', value: (c) => c.name },
  { header: 'VALUE', key: 'value', align: 'left', value: (c) => c.value, display: (c) => c.value ?? '(sensitive)' },
  { header: 'SOURCE', key: 'origin', align: 'left', value: (c) => c.origin },
];

function printTopic(io: CliIo, topic: TopicDescription, configs: TopicConfigs, options: DescribeOptions): void {
  if (options.json) {
    io.out(JSON.stringify({ ...topic, configs: options.all ? configs : { overrides: configs.overrides } }, null, 2));
    return;
  }
  io.out(
    `topic ${topic.topic}: ${topic.partitions.length} partition(s), replication factor ${topic.replicationFactor}`,
  );
  io.out(formatTable(PARTITION_COLUMNS, topic.partitions));
  io.out(
    configs.overrides.length === 0 ? '\nno config overrides' : `\n${formatTable(CONFIG_COLUMNS, configs.overrides)}`,
  );
  if (options.all) io.out(`\n${formatTable(CONFIG_COLUMNS, configs.defaults)}`);
}

/** Runs the work on the profile's cluster; a refused request prints each problem by field and exits 2. */
async function withTopicAdmin(
  io: CliIo,
  profile: string,
  options: ClusterOptions,
  work: (admin: Admin) => Promise<void>,
): Promise<ExitCode> {
  const connections = cliClusterConnections(io, options);
  try {
    const admin = createProfileKafka(io, await connections.resolve(profile)).admin();
    await admin.connect();
    try {
      await work(admin);
      return EXIT.ok;
    } finally {
      await admin.disconnect();
    }
  } catch (error) {
    if (!(error instanceof TopicRefusedError)) throw error;
    for (const problem of error.problems) io.err(`sluice: ${problem.path}: ${problem.message}`);
    return EXIT.usage;
  } finally {
    await connections.close();
  }
}

function parsed<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = parseWith(schema, input);
  if (!result.ok) throw new UsageError(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return result.value;
}

function count(flag: string, raw: string): number {
  if (!/^\d+$/.test(raw)) throw new UsageError(`${flag} "${raw}": expected a whole number`);
  return Number(raw);
}

function configPairs(pairs: string[] | undefined): Record<string, string> {
  const result = parseConfigPairs(pairs ?? []);
  if (!result.ok) throw new UsageError(result.problems.map((p) => `--config ${p}`).join('\n'));
  return result.configs;
}
