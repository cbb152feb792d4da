export { compressionNames, compressionType, type CompressionName } from './compression.js';
export { newKafkaClient } from './kafka-client.js';
export { registerKafkaCodecs } from './kafka-codecs.js';
