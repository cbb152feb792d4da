import kafkajs from 'kafkajs';

const { CompressionTypes } = kafkajs;

/** The compression codecs Kafka defines, by the names `compression.type` uses; one list for spec, lint and UI. */
export const compressionNames = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;
export type CompressionName = (typeof compressionNames)[number];

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
