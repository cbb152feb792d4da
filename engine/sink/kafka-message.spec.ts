import { describe, expect, it } from 'vitest';
import { toKafkaMessage, type MessageOptions } from './kafka-message.js';
import type { SinkRecord } from './sink.js';

const record = (mapped?: SinkRecord['mapped']): SinkRecord => ({
  source: {
    topic: 'in',
    partition: 4,
    offset: 9,
    timestamp: 1_600_000_000_000,
    key: Buffer.from('k'),
    value: Buffer.from('{"a":1}'),
    headers: { h: Buffer.from('v') },
    bytes: 8,
  },
  ...(mapped ? { mapped } : {}),
});

const options = (sink: Partial<MessageOptions['sink']> = {}): MessageOptions => ({
  sink: { key: 'source', partitioner: 'murmur2', writeTimestamp: false, ...sink },
  keyFormat: 'string',
  valueFormat: 'json',
});

describe('toKafkaMessage', () => {
  it('passes the source bytes through and leaves timestamp and partition to the producer', () => {
    const m = toKafkaMessage(record(), options());
    expect(m).toEqual({ key: Buffer.from('k'), value: Buffer.from('{"a":1}'), headers: { h: Buffer.from('v') } });
  });

  it('writes the source timestamp and partition when asked, and drops the key for key none', () => {
    const m = toKafkaMessage(record(), options({ writeTimestamp: true, partitioner: 'source-partition', key: 'none' }));
    expect(m).toMatchObject({ key: null, timestamp: '1600000000000', partition: 4 });
  });

  it('encodes mapped fields per the source format', () => {
    const m = toKafkaMessage(record({ key: 'k2', value: 'text', headers: { x: 'y' }, timestamp: 5 }), options());
    expect(m).toEqual({ key: 'k2', value: '"text"', headers: { x: 'y' }, timestamp: '5' });
    expect(toKafkaMessage(record({ value: null }), options()).value).toBeNull();
  });
});
