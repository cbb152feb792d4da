import type { KafkaMessage } from 'kafkajs';
import type { PartitionPosition } from './partition-tracker.js';

export interface BatchSelection {
  /** Messages to process: at or after the tracked next offset and before the stop. */
  messages: KafkaMessage[];
  /** Where the partition stands once these are processed. */
  next: number;
}

/**
 * Picks the part of a fetched batch the engine has not processed yet. Messages below the tracked
 * offset were already handed to the sink (a batch fetched again after a rebalance): skipping them
 * keeps output free of duplicates. `lastOffset` is the batch's last offset including control
 * records and aborted transactions, which never reach the handler but must still be stepped over,
 * or a partition ending in a transaction marker would never reach its stop.
 */
export function selectBatch(
  messages: readonly KafkaMessage[],
  lastOffset: number,
  position: PartitionPosition,
): BatchSelection {
  const stop = position.stop?.kind === 'at' ? position.stop.offset : undefined;
  let from = 0;
  while (from < messages.length && Number(messages[from]!.offset) < position.next) from++;
  let to = from;
  while (to < messages.length && (stop === undefined || Number(messages[to]!.offset) < stop)) to++;
  const selected = from === 0 && to === messages.length ? (messages as KafkaMessage[]) : messages.slice(from, to);
  const afterBatch = Math.max(position.next, lastOffset + 1);
  return { messages: selected, next: stop === undefined ? afterBatch : Math.min(afterBatch, stop) };
}
