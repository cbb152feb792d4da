import { decompressFrame, compressFrame } from 'lz4-napi';
import { compress as snappyCompress, uncompress as snappyUncompress } from 'snappy';
import { compress as zstdCompress, decompress as zstdDecompress, init as zstdInit } from '@bokuweb/zstd-wasm';
import kafkajs from 'kafkajs';
import { isXerialFramed, xerialBlocks } from './xerial-snappy.js';

const { CompressionCodecs, CompressionTypes } = kafkajs;

/** kafkajs's codec shape: `compress` gets the encoder of the uncompressed records. */
export interface KafkaCodec {
  compress(encoder: { buffer: Buffer }): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
}

export const snappyCodec: KafkaCodec = {
  // Raw snappy, as librdkafka writes it; Java's SnappyInputStream reads unframed input too.
  compress: async (encoder) => snappyCompress(encoder.buffer),
  async decompress(buffer) {
    if (!isXerialFramed(buffer)) return toBuffer(await snappyUncompress(buffer));
    const parts = await Promise.all(xerialBlocks(buffer).map(async (block) => toBuffer(await snappyUncompress(block))));
    return Buffer.concat(parts);
  },
};

/** Kafka's lz4 is the standard LZ4 frame format (since message format v1, KIP-57). */
export const lz4Codec: KafkaCodec = {
  compress: async (encoder) => compressFrame(encoder.buffer),
  decompress: async (buffer) => decompressFrame(buffer),
};

// The WebAssembly module is compiled once, on first use.
let zstdReady: Promise<void> | undefined;
const zstd = (): Promise<void> => (zstdReady ??= zstdInit());
const ZSTD_LEVEL = 3; // the Java client's and librdkafka's default

export const zstdCodec: KafkaCodec = {
  async compress(encoder) {
    await zstd();
    return toBuffer(zstdCompress(encoder.buffer, ZSTD_LEVEL));
  },
  async decompress(buffer) {
    await zstd();
    return toBuffer(zstdDecompress(buffer));
  },
};

let registered = false;

/**
 * Puts snappy, lz4 and zstd into kafkajs's codec table (gzip is built in). The table is global to
 * the kafkajs module, so every client, reader and producer gets them; idempotent.
 */
export function registerKafkaCodecs(): void {
  if (registered) return;
  CompressionCodecs[CompressionTypes.Snappy] = () => snappyCodec;
  CompressionCodecs[CompressionTypes.LZ4] = () => lz4Codec;
  CompressionCodecs[CompressionTypes.ZSTD] = () => zstdCodec;
  registered = true;
}

function toBuffer(bytes: Uint8Array | string): Buffer {
  if (typeof bytes === 'string') return Buffer.from(bytes);
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
