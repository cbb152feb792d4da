import { randomBytes } from 'node:crypto';
import kafkajs from 'kafkajs';
import { compress as rawSnappy } from 'snappy';
import { describe, expect, it } from 'vitest';
import { compressionType } from './compression';
import { compressionNames } from './compression-names';
import { lz4Codec, registerKafkaCodecs, snappyCodec, zstdCodec, type KafkaCodec } from './kafka-codecs';
import { xerialFrame, xerialBlocks } from './xerial-snappy';

const { CompressionCodecs, CompressionTypes } = kafkajs;

// Records compress well and badly: repeated text, then random bytes, then nothing at all.
const samples = [Buffer.from('{"order":1,"status":"paid"}'.repeat(2_000)), randomBytes(300_000), Buffer.alloc(0)];

describe('Kafka codecs', () => {
  const codecs: [string, KafkaCodec][] = [
    ['snappy', snappyCodec],
    ['lz4', lz4Codec],
    ['zstd', zstdCodec],
  ];
  for (const [name, codec] of codecs) {
    it(`${name} decompresses what it compressed, byte for byte`, async () => {
      for (const sample of samples) {
        const packed = await codec.compress({ buffer: sample });
        expect(Buffer.isBuffer(packed)).toBe(true);
        expect((await codec.decompress(packed)).equals(sample)).toBe(true);
      }
    });
  }

  it('reads snappy as the Java client frames it (xerial blocks) and as librdkafka writes it (raw)', async () => {
    const parts = [Buffer.from('first block '.repeat(500)), randomBytes(1_000), Buffer.from('last')];
    const framed = xerialFrame(await Promise.all(parts.map((part) => rawSnappy(part))));
    expect((await snappyCodec.decompress(framed)).equals(Buffer.concat(parts))).toBe(true);
    const raw = await rawSnappy(parts[0]!);
    expect((await snappyCodec.decompress(raw)).equals(parts[0]!)).toBe(true);
  });

  it('refuses a truncated xerial frame, naming where', () => {
    const framed = xerialFrame([Buffer.from('abcdef')]);
    expect(() => xerialBlocks(framed.subarray(0, framed.length - 2))).toThrow(/claims 6 bytes, 4 remain/);
  });

  it('registers every codec kafkajs lacks, under the type each name maps to', () => {
    registerKafkaCodecs();
    expect(compressionType('none')).toBe(CompressionTypes.None);
    for (const name of compressionNames.filter((n) => n !== 'none')) {
      const codec = CompressionCodecs[compressionType(name) as keyof typeof CompressionCodecs]() as KafkaCodec;
      expect(typeof codec.decompress, name).toBe('function');
    }
    expect(CompressionCodecs[CompressionTypes.ZSTD]()).toBe(zstdCodec);
  });
});
