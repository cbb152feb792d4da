import type { Admin } from 'kafkajs';
import { TopicNotFoundError } from '../errors/index.js';

export interface PartitionOffsets {
  topic: string;
  partition: number;
  logStartOffset: number;
  /** The end a read_committed reader sees (the last stable offset); equals the high watermark
   *  when no transaction is open. */
  logEndOffset: number;
  /** Null when the group has committed nothing for the partition. */
  committedOffset: number | null;
  /** Records the group has still to read; null without a committed offset. */
  lag: number | null;
}

/**
 * Per partition: log start and end, the group's committed offset and its lag. With `topic`, every
 * partition of that topic; without, every topic the group has committed offsets for.
 */
export async function fetchGroupOffsets(admin: Admin, groupId: string, topic?: string): Promise<PartitionOffsets[]> {
  if (topic !== undefined) {
    const existing = await admin.listTopics();
    if (!existing.includes(topic)) {
      throw new TopicNotFoundError(`topic "${topic}" does not exist`, { details: { topic } });
    }
  }
  const committed = await admin.fetchOffsets({ groupId, ...(topic === undefined ? {} : { topics: [topic] }) });
  const rows: PartitionOffsets[] = [];
  for (const entry of committed) {
    const bounds = new Map((await admin.fetchTopicOffsets(entry.topic)).map((p) => [p.partition, p]));
    for (const { partition, offset } of entry.partitions) {
      const bound = bounds.get(partition);
      if (!bound) continue; // partition deleted since the commit
      const logStartOffset = Number(bound.low);
      const logEndOffset = Number(bound.high);
      // kafkajs reports "no committed offset" as -1.
      const committedOffset = Number(offset) >= 0 ? Number(offset) : null;
      const lag =
        committedOffset === null ? null : Math.max(0, logEndOffset - Math.max(committedOffset, logStartOffset));
      rows.push({ topic: entry.topic, partition, logStartOffset, logEndOffset, committedOffset, lag });
    }
  }
  return rows.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}
