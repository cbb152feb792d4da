import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compressionNames } from '../../engine/codecs/index.js';
import { createTopic, defaultBroker } from '../bench/helpers.js';
import { javaConsume, javaProduce, type RawRecord } from '../bench/java-records.js';
import { kcatConsumeRaw, kcatProduceRaw, type KcatRawInput } from '../bench/kcat-raw.js';
import { batchCodecs } from '../bench/log-segments.js';
import { jobSpec, readNdjson, runBounded } from './engine-job-kit.js';

// Every codec, written by clients Sluice did not write (Kafka's Java producer, kcat/librdkafka),
// copied by a Sluice `bytes` job that writes the same codec, and read back by both: every key,
// value, header and timestamp byte for byte, tombstones, null keys and a value near 1 MB included.

const codecs = compressionNames.filter((name) => name !== 'none');
const HOUR = 3_600_000;

/** Bytes without the kcat delimiters (0x1e, 0x1f), so kcat can produce them too. */
const randomPayload = (length: number): Buffer =>
  Buffer.from(randomBytes(length).map((b) => (b === 0x1e || b === 0x1f ? 0x20 : b)));

function javaRecords(base: number): RawRecord[] {
  const records: RawRecord[] = [];
  for (let i = 0; i < 120; i++) {
    const headers: [string, Buffer | null][] = [
      ['bin', randomBytes(16)],
      ['trace', Buffer.from(`trace-${i}`)],
    ];
    if (i % 13 === 0) headers.push(['empty', null]);
    if (i === 5) for (let h = 0; h < 50; h++) headers.push([`h${String(h).padStart(2, '0')}`, randomBytes(h)]);
    records.push({
      partition: 0,
      offset: 0,
      timestamp: base + i * 1_000,
      key: i % 10 === 0 ? null : randomBytes(1 + (i % 24)),
      value: i % 7 === 0 ? null : i % 11 === 0 ? Buffer.alloc(0) : randomPayload(i * 17),
      headers,
    });
  }
  // Near the broker's 1 MB message limit, in a batch of its own, on the other partition.
  records.push({
    partition: 1,
    offset: 0,
    timestamp: base - HOUR,
    key: Buffer.from('large'),
    value: randomBytes(900_000),
    headers: [],
  });
  return records;
}

const kcatRecords: KcatRawInput[] = Array.from({ length: 30 }, (_, i) => ({
  key: i % 4 === 0 ? null : Buffer.from(`kcat-${i}`),
  value: i % 5 === 0 ? null : randomPayload(50 + i * 30),
}));

/** What must survive a copy: everything but the offset. */
const content = (r: { partition: number; timestamp: number; key: Buffer | null; value: Buffer | null }) => ({
  ...r,
  offset: undefined,
});

describe(`codecs on Kafka ${defaultBroker().kafkaVersion}`, () => {
  const bench = defaultBroker;

  it.each(codecs)(
    '%s: Java and kcat write it, a bytes job copies it in the same codec, Java and kcat read it back identical',
    async (codec) => {
      const { bootstrap, node } = bench();
      const source = await createTopic(bootstrap, { partitions: 2 });
      const sink = await createTopic(bootstrap, { partitions: 2 });
      const written = javaRecords(Date.now() - 5 * HOUR);
      await javaProduce(bootstrap, source, codec, written);
      await kcatProduceRaw(bootstrap, source, kcatRecords, { compression: codec, partition: 1, headers: ['src=kcat'] });
      const total = written.length + kcatRecords.length;
      expect((await batchCodecs(node, source, 0)).codecs).toEqual([codec]);
      expect((await batchCodecs(node, source, 1)).codecs).toEqual([codec]);

      const { result, job } = await runBounded(
        jobSpec({
          source: {
            cluster: { bootstrapServers: [bootstrap] },
            topics: [source],
            keyFormat: 'bytes',
            valueFormat: 'bytes',
            stopAt: { mode: 'latest' },
          },
          sink: {
            type: 'kafka',
            topic: sink,
            partitioner: 'source-partition',
            writeTimestamp: true,
            compression: codec,
          },
        }),
      );
      expect(result.state).toBe('finished');
      expect(job.metrics()).toMatchObject({ recordsIn: total, recordsOut: total });

      const [javaSource, javaSink] = await Promise.all([
        javaConsume(bootstrap, source, total),
        javaConsume(bootstrap, sink, total),
      ]);
      expect(javaSource).toHaveLength(total);
      expect(javaSink.map(content)).toEqual(javaSource.map(content));
      // What Java read is what Java wrote (the kcat records follow on partition 1).
      expect(javaSource.filter((r) => r.partition === 0).map(content)).toEqual(
        written.filter((r) => r.partition === 0).map(content),
      );
      expect(javaSource.some((r) => r.value?.length === 900_000)).toBe(true);

      const [kcatSource, kcatSink] = await Promise.all([
        kcatConsumeRaw(bootstrap, source),
        kcatConsumeRaw(bootstrap, sink),
      ]);
      expect(kcatSource).toHaveLength(total);
      expect(kcatSink.map(content)).toEqual(kcatSource.map(content));
      expect(
        kcatSource.filter((r) => r.headers.toString() === 'src=kcat').map((r) => ({ key: r.key, value: r.value })),
      ).toEqual(kcatRecords);

      for (const partition of [0, 1]) expect((await batchCodecs(node, sink, partition)).codecs).toEqual([codec]);
    },
  );

  it('a string job drains binary records to a file without losing a byte: what is not UTF-8 is base64, and named', async () => {
    const { bootstrap } = bench();
    const source = await createTopic(bootstrap, { partitions: 2 });
    const written = javaRecords(Date.now() - HOUR);
    await javaProduce(bootstrap, source, 'zstd', written);
    const path = join(mkdtempSync(join(tmpdir(), 'sluice-codecs-')), 'out.ndjson');
    const { result } = await runBounded(
      jobSpec({
        source: { cluster: { bootstrapServers: [bootstrap] }, topics: [source], stopAt: { mode: 'latest' } },
        sink: { type: 'file', path },
      }),
    );
    expect(result.state).toBe('finished');
    const lines = (await readNdjson(path)) as unknown as {
      partition: number;
      offset: number;
      timestamp: number;
      key: string | null;
      value: string | null;
      headers: Record<string, string | null | (string | null)[]>;
      base64?: string[];
    }[];
    const bytesOf = (text: string | null, field: string, base64: string[] | undefined) =>
      text === null ? null : Buffer.from(text, base64?.includes(field) ? 'base64' : 'utf8');
    const read = lines
      .map((line) => ({
        partition: line.partition,
        offset: line.offset,
        timestamp: line.timestamp,
        key: bytesOf(line.key, 'key', line.base64),
        value: bytesOf(line.value, 'value', line.base64),
        headers: Object.entries(line.headers).map(
          ([name, value]) => [name, bytesOf(value as string | null, `headers.${name}`, line.base64)] as const,
        ),
      }))
      .sort((a, b) => a.partition - b.partition || a.offset - b.offset);
    const javaRead = await javaConsume(bootstrap, source, written.length);
    expect(read.map(content)).toEqual(javaRead.map(content));
    expect(lines.some((line) => line.base64?.includes('value'))).toBe(true);
    expect(lines.some((line) => line.base64?.includes('headers.bin'))).toBe(true);
  });
});
