import { Option, type Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import type { Admin } from 'kafkajs';
import {
  applyGroupReset,
  describeGroup,
  groupResetRequestSchema,
  parseResetTo,
  planGroupReset,
  resolveResetRequest,
  type ResetPlan,
  type ResetPlanRow,
} from '../../groups/index.js';
import { parseWith } from '../../spec/validation.js';
import type { CliIo } from '../cli-io.js';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.js';
import { createCliKafka, createProfileKafka } from '../kafka-client.js';
import { fetchGroupOffsets } from '../../offsets/group-offsets.js';
import { OFFSET_COLUMNS } from '../offsets/offset-columns.js';
import { resolveStateDir } from '../state-dir.js';
import { formatTable, toRecords, type Column } from '../table.js';
import { CLUSTERS_HELP, cliClusterConnections, TRUST_HOST_KEY_HELP, type ClusterOptions } from './cluster-profiles.js';

export const GROUP_FORMATS = ['table', 'csv', 'json'] as const;
type GroupFormat = (typeof GROUP_FORMATS)[number];

type Act = <A extends unknown[]>(
  handler: (...args: A) => Promise<ExitCode> | ExitCode,
) => (...args: A) => Promise<void>;

interface TargetOptions extends ClusterOptions {
  cluster?: string;
  bootstrap?: string;
  format: GroupFormat;
}

export interface ResetOptions extends TargetOptions {
  to: string;
  topic?: string[];
  execute?: boolean;
  clamp?: boolean;
  stateDir?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `sluice groups ...`: describe a consumer group, reset its offsets (a preview unless --execute). */
export function registerGroupsCommands(program: Command, io: CliIo, act: Act): void {
  const groups = program.command('groups').description('consumer groups: describe one, reset its offsets');
  const target = (command: Command) =>
    command
      .option('--cluster <profile>', 'cluster profile name')
      .option('--bootstrap <host:port>', 'bootstrap broker(s), comma-separated, instead of a profile')
      .option('--clusters <file>', CLUSTERS_HELP)
      .option('--trust-host-key <fingerprint>', TRUST_HOST_KEY_HELP)
      .addOption(new Option('--format <format>', 'output format').choices(GROUP_FORMATS).default('table'));

  target(
    groups
      .command('describe')
      .description("a group's state, members with their assignments, and committed offsets and lag per partition")
      .argument('<group>', 'consumer group id'),
  ).action(act((group: string, options: TargetOptions) => groupsDescribeCommand(io, group, options)));

  target(
    groups
      .command('reset')
      .description(
        "reset a group's committed offsets; prints the change and changes nothing unless --execute " +
          '(refused while the group has active members)',
      )
      .argument('<group>', 'consumer group id')
      .requiredOption('--to <target>', 'earliest | latest | timestamp:<ISO 8601 or ms> | checkpoint:<job>[:<id>]')
      .option(
        '--topic <topic>',
        'only this topic, all its partitions (repeatable); default: the committed topics',
        collect,
      )
      .option('--clamp', "move checkpoint offsets outside a partition's log to its nearest end instead of refusing")
      .option('--execute', 'apply the reset (without it: a dry run)')
      .option(
        '--state-dir <dir>',
        'where job checkpoints live, for checkpoint:<job> (default: $SLUICE_STATE_DIR or ~/.sluice/state)',
      ),
  ).action(act((group: string, options: ResetOptions) => groupsResetCommand(io, group, options)));
}

export async function groupsDescribeCommand(io: CliIo, groupId: string, options: TargetOptions): Promise<ExitCode> {
  return withAdmin(io, options, async (admin) => {
    const group = await describeGroup(admin, groupId);
    const rows = await fetchGroupOffsets(admin, groupId);
    if (options.format === 'json') {
      io.out(JSON.stringify({ ...group, partitions: toRecords(OFFSET_COLUMNS, rows) }, null, 2));
    } else if (options.format === 'csv') {
      io.out(stringify(toRecords(OFFSET_COLUMNS, rows), { header: true, columns: OFFSET_COLUMNS.map((c) => c.key) }));
    } else {
      io.out(`group ${groupId}: state ${group.state}, ${group.members.length} member(s)`);
      for (const m of group.members) {
        const assigned =
          m.assignment.map((a) => `${a.topic}[${a.partitions.join(',')}]`).join(' ') || 'nothing assigned';
        io.out(`  ${m.clientId} ${m.host}: ${assigned}`);
      }
      io.out(rows.length === 0 ? 'no committed offsets' : `\n${formatTable(OFFSET_COLUMNS, rows)}`);
    }
    return EXIT.ok;
  });
}

export async function groupsResetCommand(io: CliIo, groupId: string, options: ResetOptions): Promise<ExitCode> {
  const to = parseResetTo(options.to);
  if (!to.ok) throw new UsageError(`--to ${to.problem}`);
  const parsed = parseWith(groupResetRequestSchema, {
    groupId,
    to: to.to,
    ...(options.topic ? { topics: options.topic } : {}),
    outOfRange: options.clamp ? 'clamp' : 'refuse',
  });
  if (!parsed.ok) throw new UsageError(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  const resolved = await resolveResetRequest(parsed.value, resolveStateDir(options.stateDir, io.env));
  return withAdmin(io, options, async (admin) => {
    const plan = await planGroupReset(admin, resolved.request);
    if (options.execute) await applyGroupReset(admin, plan);
    printPlan(io, plan, options, resolved.checkpoint);
    return EXIT.ok;
  });
}

const num = (value: number | null) => value;
export const RESET_COLUMNS: readonly Column<ResetPlanRow>[] = [
  { header: 'TOPIC', key: 'topic', align: 'left', value: (r) => r.topic },
  { header: 'PARTITION', key: 'partition', align: 'right', value: (r) => r.partition },
  { header: 'CURRENT-OFFSET', key: 'current', align: 'right', value: (r) => num(r.current) },
  { header: 'NEW-OFFSET', key: 'target', align: 'right', value: (r) => r.target },
  { header: 'LOG-START-OFFSET', key: 'logStart', align: 'right', value: (r) => r.logStart },
  { header: 'LOG-END-OFFSET', key: 'logEnd', align: 'right', value: (r) => r.logEnd },
  { header: 'LAG-BEFORE', key: 'lagBefore', align: 'right', value: (r) => num(r.lagBefore) },
  { header: 'LAG-AFTER', key: 'lagAfter', align: 'right', value: (r) => r.lagAfter },
  { header: 'NOTE', key: 'note', align: 'left', value: (r) => r.note ?? null, display: (r) => r.note ?? '' },
];

function printPlan(
  io: CliIo,
  plan: ResetPlan,
  options: ResetOptions,
  checkpoint: { job: string; checkpointId: number } | undefined,
): void {
  const executed = options.execute === true;
  if (options.format === 'json') {
    io.out(JSON.stringify({ ...plan, executed, ...(checkpoint ? { checkpoint } : {}) }, null, 2));
  } else if (options.format === 'csv') {
    io.out(stringify(toRecords(RESET_COLUMNS, plan.rows), { header: true, columns: RESET_COLUMNS.map((c) => c.key) }));
  } else {
    io.out(formatTable(RESET_COLUMNS, plan.rows));
  }
  const from = checkpoint ? ` from checkpoint ${checkpoint.checkpointId} of job "${checkpoint.job}"` : '';
  if (executed) io.err(`group "${plan.groupId}": offsets reset${from} on ${plan.rows.length} partition(s)`);
  else {
    const busy =
      plan.activeMembers > 0
        ? `; the group has ${plan.activeMembers} active member(s) (state ${plan.groupState}), so --execute would be refused`
        : '';
    io.err(`group "${plan.groupId}": dry run${from}, nothing changed${busy}; add --execute to apply`);
  }
}

async function withAdmin<T>(io: CliIo, options: TargetOptions, work: (admin: Admin) => Promise<T>): Promise<T> {
  if ((options.cluster === undefined) === (options.bootstrap === undefined)) {
    throw new UsageError('give either --cluster <profile> or --bootstrap <host:port>');
  }
  const connections = options.cluster === undefined ? undefined : cliClusterConnections(io, options);
  try {
    const kafka =
      options.cluster !== undefined && connections
        ? createProfileKafka(io, await connections.resolve(options.cluster))
        : createCliKafka(io, options.bootstrap ?? '');
    const admin = kafka.admin();
    await admin.connect();
    try {
      return await work(admin);
    } finally {
      await admin.disconnect();
    }
  } finally {
    await connections?.close();
  }
}
