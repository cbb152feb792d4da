// Plain data, imported by the job spec and so by the console's renderer: no kafkajs here.

/** The compression codecs Kafka defines, by the names `compression.type` uses; one list for spec, lint and UI. */
export const compressionNames = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;
export type CompressionName = (typeof compressionNames)[number];
