import type { IHeaders, KafkaMessage } from 'kafkajs';

/** One consumed record, with offsets and timestamps as numbers (Kafka offsets stay below 2^53). */
export interface SourceRecord {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
  /** Key plus value bytes: what throughput metrics count. */
  bytes: number;
}

export function toSourceRecord(topic: string, partition: number, message: KafkaMessage): SourceRecord {
  const key = message.key ?? null;
  const value = message.value ?? null;
  return {
    topic,
    partition,
    offset: Number(message.offset),
    timestamp: Number(message.timestamp),
    key,
    value,
    headers: message.headers ?? {},
    bytes: (key?.length ?? 0) + (value?.length ?? 0),
  };
}
