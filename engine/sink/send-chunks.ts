import type { IHeaders, Message } from 'kafkajs';
import { payloadBytes } from './payload-encoding.js';

/**
 * A send's records go out as one record batch per partition, and a broker refuses a batch above
 * the topic's max.message.bytes (1,048,588 by default). Records read from compressed batches can
 * be several times that once decompressed, so a write is cut into sends of at most this much.
 */
export const MAX_SEND_BYTES = 768 * 1024;

/** What a record adds to its batch besides key, value and headers: length, attributes, deltas, lengths. */
const RECORD_OVERHEAD_BYTES = 24;

function headerBytes(headers: IHeaders | undefined): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(headers ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) {
      bytes += Buffer.byteLength(name) + 10 + (one === undefined ? 0 : payloadBytes(one));
    }
  }
  return bytes;
}

/** About what the message takes in a record batch, uncompressed. */
export function messageBytes(message: Message): number {
  return (
    RECORD_OVERHEAD_BYTES +
    payloadBytes(message.key ?? null) +
    payloadBytes(message.value as Buffer | string | null) +
    headerBytes(message.headers)
  );
}

/** Consecutive runs of messages of at most `limit` bytes each; a larger message goes alone. */
export function sendChunks(messages: Message[], limit = MAX_SEND_BYTES): Message[][] {
  const chunks: Message[][] = [];
  let chunk: Message[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = messageBytes(message);
    if (chunk.length > 0 && bytes + size > limit) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(message);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
