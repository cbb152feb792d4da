export { compressionNames, type CompressionName } from './compression-names.js';
export { compressionType } from './compression.js';
export { newKafkaClient } from './kafka-client.js';
export { registerKafkaCodecs } from './kafka-codecs.js';
