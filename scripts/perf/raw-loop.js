// The baseline Sluice is measured against: the consume-and-produce loop a developer writes with
// kafkajs alone. Each fetched batch is sent (acks=all, idempotent, like a Sluice Kafka sink's
// defaults) and awaited before the next; offsets are auto-committed after each batch.
// Usage: node raw-loop.js BOOTSTRAP INPUT OUTPUT EXPECTED_RECORDS GROUP
import kafkajs from 'kafkajs';
import { compressFrame, decompressFrame } from 'lz4-napi';

const { CompressionCodecs, CompressionTypes, Kafka, logLevel, Partitioners } = kafkajs;
// kafkajs reads only gzip on its own; lz4 input needs a codec, registered as its docs show, with the
// library Sluice uses (engine/codecs/kafka-codecs.ts), so the two differ in the loop, not the codec.
CompressionCodecs[CompressionTypes.LZ4] = () => ({
  compress: async (encoder) => compressFrame(encoder.buffer),
  decompress: async (buffer) => decompressFrame(buffer),
});
const [bootstrap, input, output, expectedText, groupId] = process.argv.slice(2);
const expected = Number(expectedText);
if (!bootstrap || !input || !output || !groupId || !Number.isInteger(expected)) {
  console.error('usage: raw-loop.js BOOTSTRAP INPUT OUTPUT EXPECTED_RECORDS GROUP');
  process.exit(2);
}

const kafka = new Kafka({ clientId: 'raw-loop', brokers: bootstrap.split(','), logLevel: logLevel.NOTHING });
const producer = kafka.producer({
  idempotent: true,
  maxInFlightRequests: 1,
  createPartitioner: Partitioners.DefaultPartitioner,
});
const consumer = kafka.consumer({ groupId });
await producer.connect();
await consumer.connect();
await consumer.subscribe({ topic: input, fromBeginning: true });

let copied = 0;
let finish;
const finished = new Promise((resolve) => (finish = resolve));
await consumer.run({
  eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
    if (batch.messages.length === 0) return;
    await producer.send({
      topic: output,
      acks: -1,
      messages: batch.messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
    });
    resolveOffset(batch.lastOffset());
    await heartbeat();
    copied += batch.messages.length;
    if (copied >= expected) finish();
  },
});
await finished;
await consumer.disconnect();
await producer.disconnect();
console.log(JSON.stringify({ copied }));
