import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KafkaNodeInfo } from './bench-info.js';
import { runKafkaTool } from './kafka-tools.js';

/** The broker's `log.dirs` (the bench gives each node one). */
function logDir(node: KafkaNodeInfo): string {
  const line = readFileSync(node.configPath, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('log.dirs='));
  if (!line) throw new Error(`no log.dirs in ${node.configPath}`);
  return line.slice('log.dirs='.length).trim();
}

const segmentFiles = (node: KafkaNodeInfo, topic: string, partition: number): string[] => {
  const dir = join(logDir(node), `${topic}-${partition}`);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.log'))
    .sort()
    .map((name) => join(dir, name));
};

/** One record batch as DumpLogSegments prints its header (no record is decoded). */
export interface SegmentBatch {
  baseOffset: number;
  lastOffset: number;
  count: number;
  isTransactional: boolean;
  isControl: boolean;
  /** The batch's max timestamp (`CreateTime: ...` or `LogAppendTime: ...`). */
  maxTimestamp: number;
  codec: string;
}

const BATCH_LINE =
  /^baseOffset: (\d+) lastOffset: (\d+) count: (\d+) .*isTransactional: (\w+) isControl: (\w+) .*(?:CreateTime|LogAppendTime): (-?\d+) .*compresscodec: (\w+)/;

/** DumpLogSegments' output (without `--print-data-log`): the batches of each file it dumped, by path. */
export function parseDumpLog(stdout: string): Map<string, SegmentBatch[]> {
  const byFile = new Map<string, SegmentBatch[]>();
  let current: SegmentBatch[] | undefined;
  for (const line of stdout.split('\n')) {
    const dumping = /^Dumping (.+)$/.exec(line);
    if (dumping) {
      current = [];
      byFile.set(dumping[1]!.trim(), current);
      continue;
    }
    const m = BATCH_LINE.exec(line);
    if (!m || !current) continue;
    current.push({
      baseOffset: Number(m[1]),
      lastOffset: Number(m[2]),
      count: Number(m[3]),
      isTransactional: m[4] === 'true',
      isControl: m[5] === 'true',
      maxTimestamp: Number(m[6]),
      codec: m[7]!.toLowerCase(),
    });
  }
  return byFile;
}

/**
 * Every record batch of the given partitions, as Kafka's own DumpLogSegments reads the segment
 * files on disk (one JVM for all of them): what a producer really wrote, not what a client says.
 */
export async function segmentBatches(
  node: KafkaNodeInfo,
  topic: string,
  partitions: readonly number[],
  version?: string,
): Promise<SegmentBatch[][]> {
  const files = partitions.map((partition) => segmentFiles(node, topic, partition));
  const result = await runKafkaTool('kafka.tools.DumpLogSegments', ['--files', files.flat().join(',')], version);
  if (result.code !== 0) throw new Error(`DumpLogSegments failed (${result.code}): ${result.stderr}`);
  const byFile = parseDumpLog(result.stdout);
  return files.map((list) =>
    list.flatMap((file) => {
      const batches = byFile.get(file);
      if (!batches) throw new Error(`DumpLogSegments printed nothing for ${file}:\n${result.stdout.slice(0, 2000)}`);
      return batches;
    }),
  );
}

/**
 * The codec of every record batch in a partition's log (`compresscodec: lz4`), control batches
 * included.
 */
export async function batchCodecs(node: KafkaNodeInfo, topic: string, partition: number, version?: string) {
  const [batches] = await segmentBatches(node, topic, [partition], version);
  const codecs = batches!.map((batch) => batch.codec);
  return { batches: codecs.length, codecs: [...new Set(codecs)].sort() };
}
