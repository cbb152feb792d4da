import kafkajs from 'kafkajs';
import { loadOnce } from '../load-once.js';
import { isXerialFramed, xerialBlocks } from './xerial-snappy.js';

const { CompressionCodecs, CompressionTypes } = kafkajs;

/** kafkajs's codec shape: `compress` gets the encoder of the uncompressed records. */
export interface KafkaCodec {
  compress(encoder: { buffer: Buffer }): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
}

// Each codec library is loaded on the first batch that uses it, so a job that never meets snappy,
// lz4 or zstd never loads their native or WebAssembly modules (kafkajs codecs are async already).
const snappy = loadOnce(() => import('snappy'));
const lz4 = loadOnce(() => import('lz4-napi'));

export const snappyCodec: KafkaCodec = {
  // Raw snappy, as librdkafka writes it; Java's SnappyInputStream reads unframed input too.
  compress: async (encoder) => (await snappy()).compress(encoder.buffer),
  async decompress(buffer) {
    const { uncompress } = await snappy();
    if (!isXerialFramed(buffer)) return toBuffer(await uncompress(buffer));
    const parts = await Promise.all(xerialBlocks(buffer).map(async (block) => toBuffer(await uncompress(block))));
    return Buffer.concat(parts);
  },
};

/** Kafka's lz4 is the standard LZ4 frame format (since message format v1, KIP-57). */
export const lz4Codec: KafkaCodec = {
  compress: async (encoder) => (await lz4()).compressFrame(encoder.buffer),
  decompress: async (buffer) => (await lz4()).decompressFrame(buffer),
};

// The WebAssembly module is loaded and compiled once, on first use.
const zstd = loadOnce(async () => {
  const module = await import('@bokuweb/zstd-wasm');
  await module.init();
  return module;
});
const ZSTD_LEVEL = 3; // the Java client's and librdkafka's default

export const zstdCodec: KafkaCodec = {
  compress: async (encoder) => toBuffer((await zstd()).compress(encoder.buffer, ZSTD_LEVEL)),
  decompress: async (buffer) => toBuffer((await zstd()).decompress(buffer)),
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
