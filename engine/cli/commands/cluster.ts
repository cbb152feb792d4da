import { Option, type Command } from 'commander';
import { checkCluster, type CheckStep, type ClusterCheck } from '../../transport/cluster-check.js';
import type { ClusterProfile } from '../../spec/cluster-profile.js';
import type { CliIo } from '../cli-io.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { formatTable, toRecords, type Column } from '../table.js';
import { clusterHealthCommand, HEALTH_FORMATS, type HealthFormat } from './cluster-health.js';
import {
  CLUSTERS_HELP,
  findProfile,
  loadProfiles,
  TRUST_HOST_KEY_HELP,
  trustedFingerprint,
  type ClusterOptions,
} from './cluster-profiles.js';

type Act = <A extends unknown[]>(
  handler: (...args: A) => Promise<ExitCode> | ExitCode,
) => (...args: A) => Promise<void>;

const PROFILE_EXAMPLE = `
Profiles file (--clusters, $SLUICE_CLUSTERS or ~/.sluice/clusters.json):
  { "version": 1, "clusters": [ { "name": "prod", "bootstrapServers": ["kafka-1.internal:9093"],
      "tls": { "ca": "~/certs/prod-ca.pem" },
      "sasl": { "mechanism": "scram-sha-512", "username": "ops", "password": { "secret": "env:PROD_KAFKA_PASSWORD" } },
      "ssh": { "host": "bastion.example.com", "user": "ops",
               "auth": { "type": "private-key", "path": "~/.ssh/id_ed25519" } } } ] }
Secrets are references: { "secret": "env:NAME" } or { "secret": "file:/path" } (mode 0600).`;

/** `sluice cluster ...`: profiles and connection checks. */
export function registerClusterCommands(program: Command, io: CliIo, act: Act): void {
  const cluster = program
    .command('cluster')
    .description('cluster profiles: list them, test the way to a cluster (SSH jump host, TLS, SASL, brokers)')
    .addHelpText('after', PROFILE_EXAMPLE);

  cluster
    .command('test')
    .description(
      'connect step by step (SSH, host key, auth, bootstrap, metadata, each broker, ZooKeeper, Schema Registry); exit 1 if one fails',
    )
    .argument('<profile>', 'profile name')
    .option('--clusters <file>', CLUSTERS_HELP)
    .option('--trust-host-key <fingerprint>', TRUST_HOST_KEY_HELP)
    .option('--json', 'print JSON instead of a table')
    .action(act((name: string, options: ClusterOptions & { json?: boolean }) => clusterTestCommand(io, name, options)));

  cluster
    .command('health')
    .description(
      'controller, brokers and their leaders, offline and under-replicated partitions, advertised addresses reachable, ZooKeeper view; exit 1 unless healthy',
    )
    .argument('<profile>', 'profile name')
    .option('--clusters <file>', CLUSTERS_HELP)
    .option('--trust-host-key <fingerprint>', TRUST_HOST_KEY_HELP)
    .addOption(new Option('--format <format>', 'output format').choices(HEALTH_FORMATS).default('table'))
    .action(
      act((name: string, options: ClusterOptions & { format: HealthFormat }) =>
        clusterHealthCommand(io, name, options),
      ),
    );

  cluster
    .command('list')
    .description('list the profiles in the profiles file (exit 2 if it is invalid, naming every problem)')
    .option('--clusters <file>', CLUSTERS_HELP)
    .option('--json', 'print JSON instead of a table')
    .action(act((options: ClusterOptions & { json?: boolean }) => clusterListCommand(io, options)));
}

export async function clusterTestCommand(
  io: CliIo,
  name: string,
  options: ClusterOptions & { json?: boolean },
): Promise<ExitCode> {
  const trustHostKey = trustedFingerprint(options);
  const profile = await findProfile(io, options, name);
  const result = await checkCluster(profile, {
    env: io.env,
    ...(trustHostKey === undefined ? {} : { trustHostKey }),
    // A slow step (a jump host that does not answer) shows while it runs, not only in the table.
    ...(options.json
      ? {}
      : {
          onStep: (step: CheckStep | { status: 'running'; step: string; target: string }) => {
            if (step.status !== 'running') io.err(`sluice: ${step.step} ${step.target}: ${step.status}`);
          },
        }),
  });
  if (options.json) io.out(JSON.stringify(result, null, 2));
  else printCheck(io, result);
  return result.ok ? EXIT.ok : EXIT.failure;
}

const STEP_COLUMNS: readonly Column<CheckStep>[] = [
  { header: 'RESULT', key: 'status', align: 'left', value: (s) => s.status, display: (s) => s.status.toUpperCase() },
  { header: 'STEP', key: 'step', align: 'left', value: (s) => s.step },
  { header: 'TARGET', key: 'target', align: 'left', value: (s) => s.target },
  {
    header: 'TIME',
    key: 'durationMs',
    align: 'right',
    value: (s) => s.durationMs,
    display: (s) => `${s.durationMs} ms`,
  },
  {
    header: 'DETAIL',
    key: 'detail',
    align: 'left',
    value: (s) => s.detail ?? null,
    display: (s) => s.detail ?? (s.error ? `[hint: ${s.error.hintId}]` : ''),
  },
];

function printCheck(io: CliIo, result: ClusterCheck): void {
  io.out(formatTable(STEP_COLUMNS, result.steps));
  for (const step of result.steps) {
    if (step.error)
      io.err(`sluice: ${step.step} ${step.target} failed: ${step.error.message} [hint: ${step.error.hintId}]`);
  }
  io.err(result.ok ? `cluster "${result.profile}": all steps ok` : `cluster "${result.profile}": a step failed`);
}

const PROFILE_COLUMNS: readonly Column<ClusterProfile>[] = [
  { header: 'NAME', key: 'name', align: 'left', value: (p) => p.name },
  { header: 'BOOTSTRAP', key: 'bootstrapServers', align: 'left', value: (p) => p.bootstrapServers.join(',') },
  {
    header: 'SECURITY',
    key: 'security',
    align: 'left',
    value: (p) => [p.tls ? 'tls' : 'plaintext', p.sasl?.mechanism].filter(Boolean).join('+'),
  },
  {
    header: 'JUMP HOST',
    key: 'jumpHost',
    align: 'left',
    value: (p) => (p.ssh ? `${p.ssh.user}@${p.ssh.host}:${p.ssh.port}` : null),
  },
  { header: 'ZOOKEEPER', key: 'zookeeper', align: 'left', value: (p) => p.zookeeper?.connect ?? null },
];

export async function clusterListCommand(io: CliIo, options: ClusterOptions & { json?: boolean }): Promise<ExitCode> {
  const { file, profiles } = await loadProfiles(io, options);
  if (options.json) io.out(JSON.stringify(toRecords(PROFILE_COLUMNS, profiles), null, 2));
  else if (profiles.length === 0) io.err(`${file} has no cluster profiles`);
  else io.out(formatTable(PROFILE_COLUMNS, profiles));
  return EXIT.ok;
}
