import type { JobMetrics } from '../../metrics/job-metrics.js';
import { formatAge, formatCount, formatRate } from '../format.js';
import { batchesPart } from './copy-path-line.js';

/**
 * One status line for `sluice run`:
 * `orders-replay running | in 12.3k/s out 12.3k/s | 1,234 in 1,200 out | lag 34 | checkpoint 7, 2.1s ago`
 */
export function progressLine(metrics: JobMetrics, now: number): string {
  const parts = [
    `${metrics.jobName} ${metrics.state}`,
    `in ${formatRate(metrics.recordsInPerSecond)} out ${formatRate(metrics.recordsOutPerSecond)}`,
    `${formatCount(metrics.recordsIn)} in ${formatCount(metrics.recordsOut)} out`,
    `lag ${metrics.lag === undefined ? '?' : formatCount(metrics.lag)}`,
    metrics.lastCheckpointId === undefined || metrics.lastCheckpointAt === undefined
      ? 'no checkpoint yet'
      : `checkpoint ${metrics.lastCheckpointId}, ${formatAge(now - metrics.lastCheckpointAt)} ago`,
  ];
  const batches = batchesPart(metrics);
  if (batches !== undefined) parts.push(batches);
  if (metrics.restarts > 0) parts.push(`${metrics.restarts} restart${metrics.restarts === 1 ? '' : 's'}`);
  if (metrics.sendErrors > 0) parts.push(`${formatCount(metrics.sendErrors)} send errors`);
  if (metrics.recordsSkipped > 0) parts.push(`${formatCount(metrics.recordsSkipped)} undecodable skipped`);
  if (metrics.recordsDeadLettered > 0) {
    parts.push(`${formatCount(metrics.recordsDeadLettered)} undecodable dead-lettered`);
  }
  return parts.join(' | ');
}
