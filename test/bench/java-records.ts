import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { benchResultsDir, cacheDir, kafkaConfigDir } from './bench-paths.js';
import { javaExecutable, jvmFlags } from './java.js';
import { ensureKafkaJars, KAFKA_VERSION } from './kafka-jars.js';

// Kafka's own Java producer and consumer (test/kafka/RecordsTool.java, compiled once against the
// bench's kafka-clients) as an independent writer and reader: explicit timestamps, binary keys,
// values and headers, null keys, tombstones, and every codec the Java client has.

/** One record with every byte, as the Java client sees it; offset is ignored when producing. */
export interface RawRecord {
  partition: number;
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: [string, Buffer | null][];
}

export type JavaCompression = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';

const SOURCE = join(kafkaConfigDir, 'RecordsTool.java');

/** The compiled tool for a Kafka version: `.cache/records-tool-<version>-<source hash>/`. */
async function toolDir(version: string): Promise<{ classes: string; libs: string }> {
  const libs = await ensureKafkaJars({ version, logPath: join(benchResultsDir, 'maven.log') });
  const hash = createHash('sha256').update(readFileSync(SOURCE)).digest('hex').slice(0, 12);
  const classes = join(cacheDir, `records-tool-${version}-${hash}`);
  if (existsSync(join(classes, 'RecordsTool.class'))) return { classes, libs };
  const staging = `${classes}.tmp-${process.pid}`;
  mkdirSync(staging, { recursive: true });
  const javac = javaExecutable().replace(/java$/, 'javac');
  await promisify(execFile)(javac, ['-cp', `${libs}/*`, '-d', staging, SOURCE], { timeout: 120_000 });
  try {
    renameSync(staging, classes);
  } catch (error) {
    if (!existsSync(join(classes, 'RecordsTool.class'))) throw error;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return { classes, libs };
}

function runTool(args: string[], input: string, version: string): Promise<string> {
  return toolDir(version).then(
    ({ classes, libs }) =>
      new Promise((resolve, reject) => {
        const child = spawn(javaExecutable(), [
          ...jvmFlags('tool'),
          `-Dlog4j.configuration=file:${join(kafkaConfigDir, 'tool-log4j.properties')}`,
          '-cp',
          `${classes}:${libs}/*`,
          'RecordsTool',
          ...args,
        ]);
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
        child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
        const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
        child.on('error', reject);
        child.on('close', (code) => {
          clearTimeout(timer);
          if (code === 0) resolve(Buffer.concat(out).toString('ascii'));
          else reject(new Error(`RecordsTool ${args.join(' ')} exited ${code}: ${Buffer.concat(err).toString()}`));
        });
        child.stdin.end(input);
      }),
  );
}

const hex = (bytes: Buffer | null): string => (bytes === null ? '-' : bytes.toString('hex'));
const bytes = (text: string): Buffer | null => (text === '-' ? null : Buffer.from(text, 'hex'));

function toLine(r: RawRecord): string {
  const headers = r.headers.map(([name, value]) => `${Buffer.from(name).toString('hex')}:${hex(value)}`).join(',');
  return [r.partition, r.offset, r.timestamp, hex(r.key), hex(r.value), headers].join('\t');
}

function fromLine(line: string): RawRecord {
  const [partition, offset, timestamp, key, value, headers] = line.split('\t');
  return {
    partition: Number(partition),
    offset: Number(offset),
    timestamp: Number(timestamp),
    key: bytes(key!),
    value: bytes(value!),
    headers: headers
      ? headers.split(',').map((h) => {
          const [name, v] = h.split(':');
          return [Buffer.from(name!, 'hex').toString(), bytes(v!)] as [string, Buffer | null];
        })
      : [],
  };
}

/** Sends the records with the Java producer (acks=all, batched, `compression.type`), each to its partition. */
export async function javaProduce(
  bootstrap: string,
  topic: string,
  compression: JavaCompression,
  records: readonly RawRecord[],
  version = KAFKA_VERSION,
): Promise<void> {
  await runTool(['produce', bootstrap, topic, compression], records.map(toLine).join('\n') + '\n', version);
}

/** Reads `count` records from the start of every partition with the Java consumer, by partition then offset. */
export async function javaConsume(
  bootstrap: string,
  topic: string,
  count: number,
  options: { readCommitted?: boolean; version?: string } = {},
): Promise<RawRecord[]> {
  const isolation = options.readCommitted ? 'read_committed' : 'read_uncommitted';
  const out = await runTool(
    ['consume', bootstrap, topic, String(count), isolation],
    '',
    options.version ?? KAFKA_VERSION,
  );
  return out
    .split('\n')
    .filter((line) => line.length > 0)
    .map(fromLine)
    .sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}
