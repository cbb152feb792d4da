import { Partitioners, type IHeaders, type Kafka, type Message } from 'kafkajs';
import { bytesFromText, type PayloadFormat } from './payload-format.js';
import type { PayloadInput, ProducedRecord, ProduceRequest } from './produce-request.js';

/** The kafkajs message a request stands for: bytes decoded per format, headers in order (a repeated name keeps all). */
export function toMessage(request: ProduceRequest, now: () => number = Date.now): Message & { timestamp: string } {
  const headers: IHeaders = {};
  for (const { name, value } of request.headers) {
    const bytes = value === null ? null : bytesOf(value);
    const held = headers[name];
    // kafkajs types a header value without null, but writes a null one as a header without a value.
    const one = bytes as Buffer;
    headers[name] = held === undefined ? one : ([...(Array.isArray(held) ? held : [held]), one] as Buffer[]);
  }
  return {
    key: request.key ? bytesOf(request.key) : null,
    value: request.value ? bytesOf(request.value) : null,
    headers,
    timestamp: String(request.timestamp ?? now()),
    ...(request.partition === undefined ? {} : { partition: request.partition }),
  };
}

/** Adds a header in Kafka's order; a repeated name keeps every value (kafkajs holds them as a list). */
export function appendHeader(headers: IHeaders, name: string, bytes: Buffer | null): void {
  // kafkajs types a header value without null, but writes a null one as a header without a value.
  const one = bytes as Buffer;
  const held = headers[name];
  headers[name] = held === undefined ? one : ([...(Array.isArray(held) ? held : [held]), one] as Buffer[]);
}

const bytesOf = (payload: PayloadInput): Buffer => bytesFromText(payload.text, payload.format as PayloadFormat);

/**
 * Writes one record with acks from every in-sync replica, and answers where it landed. A short-lived
 * idempotent producer: the console produces test records, not streams.
 */
export async function produceRecord(kafka: Kafka, request: ProduceRequest): Promise<ProducedRecord> {
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  try {
    const message = toMessage(request);
    const [meta] = await producer.send({ topic: request.topic, acks: -1, messages: [message] });
    if (!meta) throw new Error(`the broker acknowledged no partition of ${request.topic}`);
    return {
      topic: request.topic,
      partition: meta.partition,
      offset: Number(meta.baseOffset ?? meta.offset),
      timestamp: Number(message.timestamp),
    };
  } finally {
    await producer.disconnect();
  }
}
