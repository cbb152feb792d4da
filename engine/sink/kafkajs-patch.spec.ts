import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// The Kafka sink sends a whole fetched batch at once; that is only cheap because kafkajs is
// installed with patches/kafkajs+2.2.4.patch (postinstall), which groups a send's messages by
// partition in one pass instead of copying each partition's array once per message.
const require = createRequire(import.meta.url);
const modulePath = require.resolve('kafkajs/src/producer/groupMessagesPerPartition.js');
const group = require(modulePath) as (args: {
  topic: string;
  partitionMetadata: { partitionId: number }[];
  messages: { partition: number; value: string }[];
  partitioner: (args: { message: { partition: number } }) => number;
}) => Record<string, { partition: number; value: string }[]>;

describe('kafkajs as installed', () => {
  it('carries the linear grouping patch', () => {
    const source = readFileSync(modulePath, 'utf8');
    expect(source).toContain('Patched by Sluice');
    expect(source).not.toContain('[...current, message]');
  });

  it('groups messages by partition, each partition in send order', () => {
    const messages = Array.from({ length: 9 }, (_, i) => ({ partition: i % 3, value: `m${i}` }));
    const grouped = group({
      topic: 't',
      partitionMetadata: [0, 1, 2].map((partitionId) => ({ partitionId })),
      messages,
      partitioner: ({ message }) => message.partition,
    });
    expect(Object.keys(grouped).sort()).toEqual(['0', '1', '2']);
    expect(grouped['0']!.map((m) => m.value)).toEqual(['m0', 'm3', 'm6']);
    expect(grouped['2']!.map((m) => m.value)).toEqual(['m2', 'm5', 'm8']);
  });

  it('groups nothing when the topic has no partition metadata', () => {
    expect(
      group({ topic: 't', partitionMetadata: [], messages: [{ partition: 0, value: 'x' }], partitioner: () => 0 }),
    ).toEqual({});
  });
});

// A copied record may carry a header whose value is null (the Java client writes one); kafkajs
// measured it with Buffer.byteLength(null) before checking for null, which threw.
const encodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0/index.js') as (record: {
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | null | (Buffer | null)[]>;
}) => { buffer: Buffer };
const Decoder = require('kafkajs/src/protocol/decoder.js') as new (buffer: Buffer) => { readVarInt(): number };
const decodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0/decoder.js') as (
  decoder: unknown,
  batch: { firstOffset: string; firstTimestamp: string },
) => { headers: Record<string, unknown> };

describe('kafkajs record encoding as installed', () => {
  it('writes a null header value as Kafka does and reads it back', () => {
    const source = readFileSync(require.resolve('kafkajs/src/protocol/recordBatch/record/v0/index.js'), 'utf8');
    expect(source).toContain('Patched by Sluice');
    const { buffer } = encodeRecord({
      key: null,
      value: Buffer.from([0xff, 0x00]),
      headers: { empty: null, bin: Buffer.from([0x00, 0xfe]), twice: [Buffer.from('a'), null] },
    });
    const decoder = new Decoder(buffer);
    decoder.readVarInt(); // the record's length, read by the batch decoder in kafkajs
    const decoded = decodeRecord(decoder, { firstOffset: '0', firstTimestamp: '0' });
    expect(decoded.headers['empty']).toBeNull();
    expect(decoded.headers['bin']).toEqual(Buffer.from([0x00, 0xfe]));
    expect(decoded.headers['twice']).toEqual([Buffer.from('a'), null]);
  });
});
