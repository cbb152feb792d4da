import { Option, type Command } from 'commander';
import { PAYLOAD_FORMATS, type PayloadFormat } from '../../produce/payload-format.js';
import { produceRecord } from '../../produce/produce-record.js';
import { produceRequestSchema, type ProduceRequestInput } from '../../produce/produce-request.js';
import { parseTimestampText, TIMESTAMP_TEXT_EXPECTED } from '../../produce/timestamp-text.js';
import { describeProblems, parseWith } from '../../spec/validation.js';
import type { CliIo } from '../cli-io.js';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.js';
import { createProfileKafka } from '../kafka-client.js';
import { CLUSTERS_HELP, cliClusterConnections, TRUST_HOST_KEY_HELP, type ClusterOptions } from './cluster-profiles.js';

type Act = <A extends unknown[]>(
  handler: (...args: A) => Promise<ExitCode> | ExitCode,
) => (...args: A) => Promise<void>;

export interface ProduceOptions extends ClusterOptions {
  key?: string;
  keyFormat: PayloadFormat;
  value?: string;
  valueFormat: PayloadFormat;
  /** A tombstone: no value at all. */
  nullValue?: boolean;
  header: string[];
  partition?: string;
  timestamp?: string;
  json?: boolean;
}

/** `sluice produce PROFILE TOPIC`: one record, as the console's produce form writes it. */
export function registerProduceCommand(program: Command, io: CliIo, act: Act, stdin = readStdin): void {
  program
    .command('produce')
    .description(
      'write one record; without --partition the key picks it (murmur2, as the Java client); prints partition and offset',
    )
    .argument('<profile>', 'cluster profile name')
    .argument('<topic>', 'topic to write to')
    .option('--key <text>', 'the key (none when absent)')
    .addOption(new Option('--key-format <format>', 'how --key is written').choices(PAYLOAD_FORMATS).default('string'))
    .option('--value <text>', 'the value; when absent, read from stdin')
    .addOption(
      new Option('--value-format <format>', 'how the value is written; json is checked')
        .choices(PAYLOAD_FORMATS)
        .default('string'),
    )
    .option('--null-value', 'write a tombstone (no value)')
    .option('--header <name=value>', 'a header (repeat for more)', (h: string, all: string[]) => [...all, h], [])
    .option('--partition <n>', 'write to this partition instead of the key-hashed one')
    .option('--timestamp <ms|iso>', 'record timestamp: epoch milliseconds or an ISO date (default: now)')
    .option('--clusters <file>', CLUSTERS_HELP)
    .option('--trust-host-key <fingerprint>', TRUST_HOST_KEY_HELP)
    .option('--json', 'print the result as JSON')
    .action(
      act((profile: string, topic: string, options: ProduceOptions) =>
        produceCommand(io, profile, topic, options, stdin),
      ),
    );
}

export async function produceCommand(
  io: CliIo,
  profile: string,
  topic: string,
  options: ProduceOptions,
  stdin: () => Promise<string>,
): Promise<ExitCode> {
  if (options.nullValue && options.value !== undefined) throw new UsageError('give either --value or --null-value');
  const value = options.nullValue ? null : { text: options.value ?? (await stdin()), format: options.valueFormat };
  const input: ProduceRequestInput = {
    topic,
    key: options.key === undefined ? null : { text: options.key, format: options.keyFormat },
    value,
    headers: options.header.map(header),
    ...(options.partition === undefined ? {} : { partition: wholeNumber('--partition', options.partition) }),
    ...(options.timestamp === undefined ? {} : { timestamp: timestamp(options.timestamp) }),
  };
  const parsed = parseWith(produceRequestSchema, input);
  if (!parsed.ok)
    throw new UsageError(`the record is not valid; nothing was written:\n${describeProblems(parsed.problems)}`);
  const connections = cliClusterConnections(io, options);
  try {
    const kafka = createProfileKafka(io, await connections.resolve(profile));
    const written = await produceRecord(kafka, parsed.value);
    io.out(
      options.json
        ? JSON.stringify(written)
        : `${written.topic} partition ${written.partition} offset ${written.offset} timestamp ${written.timestamp}`,
    );
    return EXIT.ok;
  } finally {
    await connections.close();
  }
}

function header(text: string): { name: string; value: { text: string } } {
  const at = text.indexOf('=');
  if (at <= 0) throw new UsageError(`--header "${text}": expected name=value`);
  return { name: text.slice(0, at), value: { text: text.slice(at + 1) } };
}

function wholeNumber(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag} "${text}": expected a whole number, 0 or more`);
  return Number(text);
}

function timestamp(text: string): number {
  const ms = parseTimestampText(text);
  if (ms === undefined) throw new UsageError(`--timestamp "${text}": ${TIMESTAMP_TEXT_EXPECTED}`);
  return ms;
}

/** The value piped in; a terminal is refused rather than waited on. */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError('give --value, --null-value, or pipe the value on stdin');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
