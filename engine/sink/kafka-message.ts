import type { Message } from 'kafkajs';
import type { KafkaSinkSpec, RecordFormat } from '../spec/index.js';
import { encodePayload } from './payload-encoding.js';
import type { SinkRecord } from './sink.js';

export interface MessageOptions {
  sink: Pick<KafkaSinkSpec, 'key' | 'partitioner' | 'writeTimestamp'>;
  keyFormat: RecordFormat;
  valueFormat: RecordFormat;
}

/**
 * The produced message for a record. Untouched fields pass the source bytes through; fields encoded
 * with a registry schema (`encoded`) are written as they are. The timestamp
 * is the one a map set, else the source record's when `writeTimestamp` is on, else left to the
 * producer (the time of sending). `source-partition` writes to the same partition number.
 */
export function toKafkaMessage(record: SinkRecord, options: MessageOptions): Message {
  const { source, mapped, encoded } = record;
  const message: Message = {
    key:
      options.sink.key === 'none'
        ? null
        : encoded && 'key' in encoded
          ? encoded.key!
          : mapped && 'key' in mapped
            ? encodePayload(mapped.key, options.keyFormat, 'key')
            : source.key,
    value:
      encoded && 'value' in encoded
        ? encoded.value!
        : mapped && 'value' in mapped
          ? encodePayload(mapped.value, options.valueFormat, 'value')
          : source.value,
    headers: mapped?.headers ?? source.headers,
  };
  const timestamp = mapped?.timestamp ?? (options.sink.writeTimestamp ? source.timestamp : undefined);
  if (timestamp !== undefined) message.timestamp = String(timestamp);
  if (options.sink.partitioner === 'source-partition') message.partition = source.partition;
  return message;
}
