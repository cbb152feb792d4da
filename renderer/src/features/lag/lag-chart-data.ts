// A group's stored history as chart columns: x in seconds, then the group's total or one column per
// partition. The store keeps a partition's row only when it changed, so a partition's value at a
// time is its last row at or before it (carried forward), and null before its first. Time lag is in
// seconds (the axis reads 60, not 60k ms); an unknown time lag (not behind) is 0.
import type { GroupHistoryPoint, PartitionHistoryPoint } from '../../../../engine/lag/lag-status';

export type LagChartMode = 'total' | 'partitions';
export type LagMetric = 'lag' | 'timeLag';

export interface LagChartColumns {
  labels: string[];
  /** [x seconds, ...one column per label], as uPlot takes it. */
  data: [number[], ...(number | null)[][]];
}

export function lagChartColumns(
  history: { groups: readonly GroupHistoryPoint[]; partitions: readonly PartitionHistoryPoint[] },
  mode: LagChartMode,
  metric: LagMetric,
): LagChartColumns {
  const times = [...new Set([...history.groups.map((g) => g.at), ...history.partitions.map((p) => p.at)])].sort(
    (a, b) => a - b,
  );
  const x = times.map((t) => t / 1_000);
  if (mode === 'total') {
    const byTime = new Map(history.groups.map((g) => [g.at, g]));
    let last: GroupHistoryPoint | undefined;
    const column = times.map((t) => {
      last = byTime.get(t) ?? last;
      if (!last) return null;
      return metric === 'lag' ? last.totalLag : (last.maxTimeLagMs ?? 0) / 1_000;
    });
    return { labels: [metric === 'lag' ? 'total' : 'largest'], data: [x, column] };
  }
  const series = new Map<string, Map<number, PartitionHistoryPoint>>();
  for (const p of history.partitions) {
    const key = `${p.topic}[${p.partition}]`;
    let points = series.get(key);
    if (!points) series.set(key, (points = new Map()));
    points.set(p.at, p);
  }
  const labels = [...series.keys()].sort(byPartition);
  const columns = labels.map((label) => {
    const points = series.get(label)!;
    let last: PartitionHistoryPoint | undefined;
    return times.map((t) => {
      last = points.get(t) ?? last;
      if (!last) return null;
      return metric === 'lag' ? last.lag : (last.timeLagMs ?? 0) / 1_000;
    });
  });
  return { labels, data: [x, ...columns] };
}

/** topic[2] before topic[10]. */
function byPartition(a: string, b: string): number {
  const [ta, pa] = split(a);
  const [tb, pb] = split(b);
  return ta < tb ? -1 : ta > tb ? 1 : pa - pb;
}

function split(label: string): [string, number] {
  const at = label.lastIndexOf('[');
  return [label.slice(0, at), Number(label.slice(at + 1, -1))];
}
