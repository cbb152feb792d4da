import { crc32c } from '@node-rs/crc32';
import type { Message } from 'kafkajs';
import { ATTRIBUTES, BATCH_OFFSETS, type FetchedBatch } from '../source/fetched-batch.js';

/** What the producer fills in for each attempt to send a batch (kafkajs passes them to `encode`). */
export interface ProducerFields {
  producerId: unknown;
  producerEpoch: number;
  firstSequence: number | undefined;
  transactional: boolean;
}

/** A kafkajs message that is a whole record batch; patches/kafkajs+2.2.4.patch sends it as is. */
export interface ForwardedMessage extends Message {
  recordBatch: { count: number; encode(fields: ProducerFields): Buffer };
}

/**
 * Rewrites what Kafka requires of a batch from a new producer, in place: base offset 0 and no
 * leader epoch (the broker assigns both), this producer's id, epoch and first sequence, the
 * transactional flag, and the CRC over everything from the attributes on. Records, timestamps,
 * compression and the timestamp type stay as they were, byte for byte.
 */
export function rewriteForProducer(bytes: Buffer, fields: ProducerFields): Buffer {
  const producerId = BigInt(String(fields.producerId ?? -1));
  const idempotent = producerId >= 0n;
  bytes.writeBigInt64BE(0n, BATCH_OFFSETS.baseOffset);
  bytes.writeInt32BE(-1, BATCH_OFFSETS.partitionLeaderEpoch);
  const attributes = bytes.readInt16BE(BATCH_OFFSETS.attributes) & ~ATTRIBUTES.transactional;
  bytes.writeInt16BE(
    fields.transactional ? attributes | ATTRIBUTES.transactional : attributes,
    BATCH_OFFSETS.attributes,
  );
  bytes.writeBigInt64BE(producerId, BATCH_OFFSETS.producerId);
  bytes.writeInt16BE(idempotent ? fields.producerEpoch : -1, BATCH_OFFSETS.producerEpoch);
  bytes.writeInt32BE(idempotent ? (fields.firstSequence ?? 0) : -1, BATCH_OFFSETS.baseSequence);
  bytes.writeUInt32BE(crc32c(bytes.subarray(BATCH_OFFSETS.attributes)), BATCH_OFFSETS.crc);
  return bytes;
}

/** The message that sends `batch` to `partition`. */
export function forwardedMessage(batch: FetchedBatch, partition: number): ForwardedMessage {
  return {
    partition,
    value: null,
    recordBatch: { count: batch.count, encode: (fields) => rewriteForProducer(batch.bytes, fields) },
  };
}
