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

/**
 * The codec of every record batch in a partition's log, as Kafka's own DumpLogSegments reads the
 * segment files on disk (`compresscodec: lz4`): what a producer really wrote, not what a client says.
 */
export async function batchCodecs(node: KafkaNodeInfo, topic: string, partition: number, version?: string) {
  const dir = join(logDir(node), `${topic}-${partition}`);
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.log'))
    .map((name) => join(dir, name));
  const result = await runKafkaTool('kafka.tools.DumpLogSegments', ['--files', files.join(',')], version);
  if (result.code !== 0) throw new Error(`DumpLogSegments failed (${result.code}): ${result.stderr}`);
  const codecs = [...result.stdout.matchAll(/compresscodec: (\w+)/g)].map((m) => m[1]!.toLowerCase());
  return { batches: codecs.length, codecs: [...new Set(codecs)].sort() };
}
