import kafkajs, { type Kafka, type KafkaConfig } from 'kafkajs';
import { registerKafkaCodecs } from './kafka-codecs.js';

const { Kafka: KafkaClient } = kafkajs;

/**
 * Every kafkajs client Sluice makes comes from here, so none can be built before the codecs are
 * registered: a job, record browsing, report timestamps and group tools all read compressed batches.
 */
export function newKafkaClient(config: KafkaConfig): Kafka {
  registerKafkaCodecs();
  return new KafkaClient(config);
}
