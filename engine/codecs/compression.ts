import kafkajs from 'kafkajs';
import type { CompressionName } from './compression-names.js';

const { CompressionTypes } = kafkajs;

const types: Record<CompressionName, kafkajs.CompressionTypes> = {
  none: CompressionTypes.None,
  gzip: CompressionTypes.GZIP,
  snappy: CompressionTypes.Snappy,
  lz4: CompressionTypes.LZ4,
  zstd: CompressionTypes.ZSTD,
};

/** kafkajs's attribute value for a codec name. */
export function compressionType(name: CompressionName): kafkajs.CompressionTypes {
  return types[name];
}
