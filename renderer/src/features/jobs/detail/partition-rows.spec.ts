import { describe, expect, it } from 'vitest';
import { partitionKey, partitionRows, type PartitionMetrics } from './partition-rows';

const p = (topic: string, partition: number, lag: number | undefined): PartitionMetrics => ({
  topic,
  partition,
  lag,
  currentOffset: undefined,
  checkpointedOffset: undefined,
  committedOffset: undefined,
  logStartOffset: undefined,
  logEndOffset: undefined,
  stopOffset: undefined,
  finished: false,
  recordsIn: 0,
  bytesIn: 0,
  recordsOut: 0,
  bytesOut: 0,
  recordsInPerSecond: 0,
  bytesInPerSecond: 0,
  recordsOutPerSecond: 0,
  bytesOutPerSecond: 0,
});

const keys = (rows: PartitionMetrics[]) => rows.map(partitionKey);
const all = [p('orders', 10, 3), p('orders', 2, 7), p('Payments', 0, undefined), p('audit', 1, 7)];

describe('partitionRows', () => {
  it('sorts by topic, then partition number (not as text)', () => {
    expect(keys(partitionRows(all, '', 'partition'))).toEqual(['Payments/0', 'audit/1', 'orders/2', 'orders/10']);
  });

  it('sorts by lag, highest first, ties by partition, unknown lag last', () => {
    expect(keys(partitionRows(all, '', 'lag'))).toEqual(['audit/1', 'orders/2', 'orders/10', 'Payments/0']);
  });

  it('keeps partitions of topics containing the filter, ignoring case and spaces around it', () => {
    expect(keys(partitionRows(all, ' PAY ', 'partition'))).toEqual(['Payments/0']);
    expect(keys(partitionRows(all, 'ord', 'lag'))).toEqual(['orders/2', 'orders/10']);
    expect(partitionRows(all, 'nothing', 'lag')).toEqual([]);
  });

  it('leaves the input array as it was', () => {
    const input = [...all];
    partitionRows(input, '', 'lag');
    expect(input).toEqual(all);
  });
});
