import type { Command } from 'commander';
import { registryFor } from '../../registry/registry-connection.js';
import type { RegistryClient } from '../../registry/registry-client.js';
import { SCHEMA_TYPE_LABELS, schemaText } from '../../registry/schema-text.js';
import type { CliIo } from '../cli-io.js';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.js';
import {
  CLUSTERS_HELP,
  cliClusterConnections,
  findProfile,
  TRUST_HOST_KEY_HELP,
  type ClusterOptions,
} from './cluster-profiles.js';

type Act = <A extends unknown[]>(
  handler: (...args: A) => Promise<ExitCode> | ExitCode,
) => (...args: A) => Promise<void>;

type RegistryOptions = ClusterOptions & { json?: boolean };

/** `sluice registry ...`: a profile's Schema Registry, read-only. */
export function registerRegistryCommands(program: Command, io: CliIo, act: Act): void {
  const registry = program
    .command('registry')
    .description("read a cluster profile's Schema Registry (its schemaRegistry), through its SSH tunnel if it has one");
  const common = (command: Command) =>
    command
      .option('--clusters <file>', CLUSTERS_HELP)
      .option('--trust-host-key <fingerprint>', TRUST_HOST_KEY_HELP)
      .option('--json', 'print JSON');

  common(registry.command('subjects').description('list the subjects').argument('<profile>', 'profile name')).action(
    act((profile: string, options: RegistryOptions) =>
      withRegistry(io, profile, options, async (client) => {
        const subjects = await client.subjects();
        io.out(options.json ? JSON.stringify(subjects, null, 2) : subjects.join('\n'));
        return EXIT.ok;
      }),
    ),
  );

  common(
    registry
      .command('show')
      .description("a subject's versions, and the schema of one (the latest when no version is given)")
      .argument('<profile>', 'profile name')
      .argument('<subject>', 'subject name')
      .argument('[version]', 'version number or "latest"'),
  ).action(
    act((profile: string, subject: string, version: string | undefined, options: RegistryOptions) =>
      withRegistry(io, profile, options, async (client) => {
        const which = parseVersion(version);
        const [versions, schema] = await Promise.all([
          client.versions(subject),
          client.schemaByVersion(subject, which),
        ]);
        if (options.json) {
          io.out(JSON.stringify({ ...schema, versions }, null, 2));
          return EXIT.ok;
        }
        const references = schema.references.map((r) => `${r.name} -> ${r.subject} v${r.version}`).join(', ');
        io.out(
          [
            `subject ${schema.subject} version ${schema.version} (versions: ${versions.join(', ')})`,
            `type ${SCHEMA_TYPE_LABELS[schema.schemaType]}, id ${schema.id}, references: ${references || 'none'}`,
            '',
            schemaText(schema.schemaType, schema.schema),
          ].join('\n'),
        );
        return EXIT.ok;
      }),
    ),
  );
}

function parseVersion(version: string | undefined): number | 'latest' {
  if (version === undefined || version === 'latest') return 'latest';
  if (!/^[1-9]\d*$/.test(version))
    throw new UsageError(`version must be a positive number or "latest", got "${version}"`);
  return Number(version);
}

async function withRegistry(
  io: CliIo,
  profile: string,
  options: RegistryOptions,
  work: (client: RegistryClient) => Promise<ExitCode>,
): Promise<ExitCode> {
  await findProfile(io, options, profile);
  const connections = cliClusterConnections(io, options);
  try {
    return await work(registryFor(await connections.resolve(profile)));
  } finally {
    await connections.close();
  }
}
