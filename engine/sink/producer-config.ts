import { Partitioners, type CompressionTypes, type ProducerConfig } from 'kafkajs';
import { compressionType } from '../codecs/index.js';
import { maxInFlightOf, type KafkaSinkSpec } from '../spec/index.js';

/** One producer per job, so one transactional id: a restarted run's init fences the crashed one. */
export function transactionalIdOf(sink: KafkaSinkSpec): string | undefined {
  return sink.deliveryGuarantee === 'exactly-once' ? `${sink.transactionalIdPrefix}-0` : undefined;
}

export function producerConfig(sink: KafkaSinkSpec): ProducerConfig {
  const transactionalId = transactionalIdOf(sink);
  return {
    allowAutoTopicCreation: false,
    idempotent: sink.idempotent,
    maxInFlightRequests: maxInFlightOf(sink),
    ...(transactionalId === undefined ? {} : { transactionalId, transactionTimeout: sink.transactionTimeoutMs }),
    retry: { retries: sink.retries },
    // kafkajs's DefaultPartitioner is the Java client's murmur2: same key, same partition as Java producers.
    createPartitioner: Partitioners.DefaultPartitioner,
  };
}

export function sendOptions(sink: KafkaSinkSpec): { acks: number; compression: CompressionTypes } {
  return {
    acks: sink.acks === 'all' ? -1 : sink.acks,
    compression: compressionType(sink.compression),
  };
}
