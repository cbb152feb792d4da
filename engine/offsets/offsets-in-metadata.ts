import { formatCommitTag, type CommitTag } from './commit-metadata.js';
import type { CommittedOffset } from './log-bounds.js';
import { TopicPartitionMap, type TopicPartitionOffset } from './topic-partition.js';

/**
 * Exactly-once between two clusters. A transaction can only commit offsets of partitions that
 * exist on its own cluster, and the source's do not exist on the sink's. So the source offsets
 * travel as metadata of offsets committed, inside the same transaction, for the sink topic's
 * partitions under a group of the job's own: atomic with the output, like the same-cluster case.
 * Kafka caps one metadata string (offset.metadata.max.bytes, 4096 by default), so a long list is
 * split into chunks, one per sink partition.
 */
export const METADATA_CHUNK_CHARS = 4_000;

/** The sink-cluster group that carries a job's offsets; never a group any consumer joins. */
export function offsetsCarrierGroup(groupId: string): string {
  return `${groupId}.sluice-offsets`;
}

interface Chunk {
  job: string;
  checkpointId: number;
  part: number;
  parts: number;
  /** topic -> [partition, offset][] */
  offsets: Record<string, [number, number][]>;
}

export function encodeOffsetsMetadata(
  tag: CommitTag,
  offsets: readonly TopicPartitionOffset[],
  maxChars = METADATA_CHUNK_CHARS,
): string[] {
  const groups: Record<string, [number, number][]>[] = [{}];
  const sizeOf = (g: Record<string, [number, number][]>) => JSON.stringify(g).length;
  // Room for the envelope around the offsets: job name, ids and part counters.
  const budget =
    maxChars - JSON.stringify({ job: tag.job, checkpointId: tag.checkpointId, part: 99999, parts: 99999 }).length - 32;
  for (const o of offsets) {
    let current = groups.at(-1)!;
    (current[o.topic] ??= []).push([o.partition, o.offset]);
    if (sizeOf(current) > budget) {
      current[o.topic]!.pop();
      if (current[o.topic]!.length === 0) delete current[o.topic];
      current = {};
      groups.push(current);
      current[o.topic] = [[o.partition, o.offset]];
      if (sizeOf(current) > budget) throw new Error(`topic name "${o.topic}" is too long to carry offsets in metadata`);
    }
  }
  return groups.map((offsetsOfChunk, part) =>
    JSON.stringify({
      job: tag.job,
      checkpointId: tag.checkpointId,
      part,
      parts: groups.length,
      offsets: offsetsOfChunk,
    }),
  );
}

/**
 * Reads the chunks back (metadata of the carrier group's offsets, in any order). Chunks of older
 * transactions can linger on partitions a newer one did not need; only a complete set of the
 * newest checkpoint counts. The result has the shape of committed offsets with a commit tag.
 */
export function decodeOffsetsMetadata(metadata: readonly (string | null)[]): TopicPartitionMap<CommittedOffset> {
  const chunks = metadata.flatMap((m) => {
    const chunk = parseChunk(m);
    return chunk ? [chunk] : [];
  });
  const result = new TopicPartitionMap<CommittedOffset>();
  if (chunks.length === 0) return result;
  const newest = Math.max(...chunks.map((c) => c.checkpointId));
  const current = chunks.filter((c) => c.checkpointId === newest);
  const parts = current[0]!.parts;
  const seen = new Set(current.map((c) => c.part));
  if (current.some((c) => c.parts !== parts || c.job !== current[0]!.job) || seen.size !== parts) return result;
  const tag = formatCommitTag({ job: current[0]!.job, checkpointId: newest });
  for (const chunk of current) {
    for (const [topic, entries] of Object.entries(chunk.offsets)) {
      for (const [partition, offset] of entries) result.set({ topic, partition }, { offset, metadata: tag });
    }
  }
  return result;
}

function parseChunk(metadata: string | null): Chunk | undefined {
  if (!metadata) return undefined;
  try {
    const value = JSON.parse(metadata) as Partial<Chunk>;
    const ints = [value.checkpointId, value.part, value.parts];
    if (typeof value.job !== 'string' || !ints.every((n) => Number.isSafeInteger(n))) return undefined;
    if (typeof value.offsets !== 'object' || value.offsets === null) return undefined;
    return value as Chunk;
  } catch {
    return undefined;
  }
}
