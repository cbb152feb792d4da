import type { JobMetrics } from '../../../../../main/ipc/contract';

export type PartitionMetrics = JobMetrics['partitions'][number];

export type PartitionSort = 'partition' | 'lag';

/** The key a partition's row keeps across updates, so rows are updated in place, not re-created. */
export const partitionKey = (p: Pick<PartitionMetrics, 'topic' | 'partition'>): string => `${p.topic}/${p.partition}`;

const byPartition = (a: PartitionMetrics, b: PartitionMetrics): number =>
  a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition;

/**
 * The rows to show: partitions of topics containing `filter` (case-insensitive), by topic and
 * partition or by lag (highest first, unknown lag last, ties by topic and partition so the order is stable).
 */
export function partitionRows(
  partitions: readonly PartitionMetrics[],
  filter: string,
  sort: PartitionSort,
): PartitionMetrics[] {
  const needle = filter.trim().toLowerCase();
  const rows = needle ? partitions.filter((p) => p.topic.toLowerCase().includes(needle)) : [...partitions];
  if (sort === 'lag') {
    return rows.sort((a, b) => {
      const la = a.lag ?? -1;
      const lb = b.lag ?? -1;
      return la !== lb ? lb - la : byPartition(a, b);
    });
  }
  return rows.sort(byPartition);
}
