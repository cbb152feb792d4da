import { execFile } from 'node:child_process';

/**
 * kcat (librdkafka) as an independent client, so a test can check that what Sluice wrote through
 * kafkajs is readable by another implementation and the other way round.
 *
 * kcat 1.7 cannot set a per-record timestamp when producing: its producer passes no timestamp to
 * librdkafka, so every record gets CreateTime = the moment kcat sent it. Tests that need chosen
 * timestamps produce them with kafkajs (`produceN` in helpers.ts) and use kcat to read them back.
 */

const KCAT_TIMEOUT_MS = 60_000;
/** ASCII record and unit separators: produce input can carry newlines and tabs in values. */
const RECORD_DELIMITER = '\x1e';
const KEY_DELIMITER = '\x1f';

export interface KcatRecordInput {
  /** null or undefined: no key. */
  key?: string | null;
  value: string;
}

export interface KcatRecord {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  timestampType: 'create' | 'logappend' | 'unknown';
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

export function kcatExecutable(env: NodeJS.ProcessEnv = process.env): string {
  return env['SLUICE_KCAT'] ?? 'kcat';
}

function runKcat(args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      kcatExecutable(),
      args,
      { timeout: KCAT_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`kcat ${args.join(' ')} failed: ${error.message}\n${stderr}`));
        else resolve(stdout);
      },
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

/**
 * Produces records with kcat in one batch (acks=all, librdkafka's default); kcat exits non-zero if
 * any delivery failed. A record written without the key delimiter gets no key.
 */
export async function kcatProduce(
  bootstrap: string,
  topic: string,
  records: KcatRecordInput[],
  /** `partitioner`: librdkafka's, e.g. `murmur2_random` (Java's choice for keyed records). */
  options: { partition?: number; transactionalId?: string; partitioner?: string } = {},
): Promise<void> {
  const args = ['-P', '-q', '-b', bootstrap, '-t', topic, '-D', '\\x1e', '-K', '\\x1f', '-m', '15'];
  if (options.partition !== undefined) args.push('-p', String(options.partition));
  if (options.partitioner) args.push('-X', `partitioner=${options.partitioner}`);
  if (options.transactionalId) args.push('-X', `transactional.id=${options.transactionalId}`);
  const input = records
    .map((record) =>
      record.key === null || record.key === undefined ? record.value : `${record.key}${KEY_DELIMITER}${record.value}`,
    )
    .join(RECORD_DELIMITER);
  await runKcat(args, input + RECORD_DELIMITER);
}

interface KcatJsonEnvelope {
  topic: string;
  partition: number;
  offset: number;
  tstype: KcatRecord['timestampType'];
  ts: number;
  headers?: Record<string, string> | string[];
  key: string | null;
  payload: string | null;
}

function headersOf(raw: KcatJsonEnvelope['headers']): Record<string, string> {
  if (!raw) return {};
  if (!Array.isArray(raw)) return raw;
  // Some kcat builds print headers as a flat [name, value, ...] list.
  const headers: Record<string, string> = {};
  for (let index = 0; index + 1 < raw.length; index += 2) headers[raw[index] as string] = raw[index + 1] as string;
  return headers;
}

export type KcatStart = 'beginning' | { offset: number } | { timestamp: number };

export interface KcatConsumeOptions {
  /** Where each partition starts: the beginning (default), an offset, or the first record at or after a timestamp (`-o s@ts`). */
  from?: KcatStart;
  partition?: number;
  /** Stop after this many records; otherwise read every partition to its end (`-e`). */
  count?: number;
  /**
   * `isolation.level=read_committed`: skip aborted and still-open transactional records. Off by
   * default, unlike librdkafka's own default, so a plain read shows everything in the log.
   */
  readCommitted?: boolean;
}

function startOffset(from: KcatStart): string {
  if (from === 'beginning') return 'beginning';
  return 'offset' in from ? String(from.offset) : `s@${from.timestamp}`;
}

/** Reads a topic to its current end with kcat and returns the records sorted by partition and offset. */
export async function kcatConsume(
  bootstrap: string,
  topic: string,
  options: KcatConsumeOptions = {},
): Promise<KcatRecord[]> {
  const args = [
    '-C',
    '-q',
    '-J',
    '-e',
    '-b',
    bootstrap,
    '-t',
    topic,
    '-o',
    startOffset(options.from ?? 'beginning'),
    '-m',
    '15',
  ];
  if (options.partition !== undefined) args.push('-p', String(options.partition));
  if (options.count !== undefined) args.push('-c', String(options.count));
  args.push('-X', `isolation.level=${options.readCommitted ? 'read_committed' : 'read_uncommitted'}`);
  const output = await runKcat(args);
  return output
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      const envelope = JSON.parse(line) as KcatJsonEnvelope;
      return {
        topic: envelope.topic,
        partition: envelope.partition,
        offset: envelope.offset,
        timestamp: envelope.ts,
        timestampType: envelope.tstype,
        key: envelope.key,
        value: envelope.payload,
        headers: headersOf(envelope.headers),
      };
    })
    .sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}

/**
 * The earliest offset whose timestamp is at or after `timestamp` (kcat `-Q`, i.e. ListOffsets by
 * time); -1 when no record is that new.
 */
export async function kcatOffsetForTimestamp(
  bootstrap: string,
  topic: string,
  partition: number,
  timestamp: number,
): Promise<number> {
  const output = await runKcat(['-Q', '-q', '-b', bootstrap, '-t', `${topic}:${partition}:${timestamp}`, '-m', '15']);
  // Prints e.g. "orders [0] offset 42".
  const match = /\[\d+\]\s+offset\s+(-?\d+)/.exec(output);
  if (!match?.[1]) throw new Error(`unexpected kcat -Q output: ${output.trim()}`);
  return Number(match[1]);
}

export interface KcatMetadata {
  brokers: Array<{ id: number; name: string }>;
  topics: Array<{
    topic: string;
    partitions: Array<{ partition: number; leader: number; replicas: number[]; isrs: number[] }>;
  }>;
}

/** `kcat -L -J`: the cluster as librdkafka sees it. */
export async function kcatMetadata(bootstrap: string, topic?: string): Promise<KcatMetadata> {
  const args = ['-L', '-J', '-q', '-b', bootstrap, '-m', '15'];
  if (topic) args.push('-t', topic);
  const raw = JSON.parse(await runKcat(args)) as {
    brokers: Array<{ id: number; name: string }>;
    topics: Array<{
      topic: string;
      partitions: Array<{
        partition: number;
        leader: number;
        replicas: Array<{ id: number }>;
        isrs: Array<{ id: number }>;
      }>;
    }>;
  };
  return {
    brokers: raw.brokers,
    topics: raw.topics.map((entry) => ({
      topic: entry.topic,
      partitions: entry.partitions.map((partition) => ({
        partition: partition.partition,
        leader: partition.leader,
        replicas: partition.replicas.map((replica) => replica.id),
        isrs: partition.isrs.map((isr) => isr.id),
      })),
    })),
  };
}
