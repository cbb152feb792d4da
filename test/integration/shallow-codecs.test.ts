import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { compressionNames } from '../../engine/codecs/index.js';
import { cliBatchCounts } from '../bench/cli-batch-counts.js';
import { createTopic, defaultBroker, freshGroup, uniqueName } from '../bench/helpers.js';
import { javaConsume, javaProduce, type RawRecord } from '../bench/java-records.js';
import { kcatConsumeRaw, kcatProduceRaw, type KcatRawInput } from '../bench/kcat-raw.js';
import { segmentBatches, type SegmentBatch } from '../bench/log-segments.js';
import { bytesText, contentByPartition } from '../bench/record-content.js';
import { assertShallowSpec, SHALLOW_FORMATS, shallowSink } from '../bench/shallow-job.js';
import { buildCli, runCli, tempDir, writeSpec } from './cli-kit.js';
import { groupCoordinatorReady } from './engine-job-kit.js';

// The shallow copy path byte for byte: one source partition per codec (none, gzip, snappy, lz4,
// zstd), each written by Kafka's Java producer and by kcat (librdkafka) with that codec, holding
// null keys, tombstones, binary headers (a null header value too), a ~900 KB record and explicit
// timestamps; `sluice run` copies the topic with a shallow-eligible spec; Java and kcat read source
// and sink back identical, partition by partition, in order. The sink's segments must hold the
// source's batches as they were (same record counts, codec and max timestamp), which the record path
// (it writes uncompressed batches of its own) cannot pass.

const HOUR = 3_600_000;
const LARGE = 900_000;
const codecs = ['none', ...compressionNames.filter((name) => name !== 'none')] as const;

/** Bytes without the kcat delimiters (0x1e, 0x1f), so kcat can produce them too. */
const randomPayload = (length: number): Buffer =>
  Buffer.from(randomBytes(length).map((b) => (b === 0x1e || b === 0x1f ? 0x20 : b)));

function javaRecords(partition: number, base: number): RawRecord[] {
  const records: RawRecord[] = [];
  for (let i = 0; i < 60; i++) {
    const headers: [string, Buffer | null][] = [
      ['bin', randomBytes(12)],
      ['trace', Buffer.from(`trace-${partition}-${i}`)],
    ];
    if (i % 9 === 0) headers.push(['empty', null]);
    records.push({
      partition,
      offset: 0,
      timestamp: base + i * 1_000,
      key: i % 10 === 0 ? null : randomBytes(1 + (i % 24)),
      value: i % 7 === 0 ? null : i % 11 === 0 ? Buffer.alloc(0) : randomPayload(i * 23),
      headers,
    });
  }
  // Larger than the Java producer's batch.size: a batch of its own, an hour older than the rest.
  records.push({
    partition,
    offset: 0,
    timestamp: base - HOUR,
    key: Buffer.from('large'),
    value: randomBytes(LARGE),
    headers: [['kind', Buffer.from('large')]],
  });
  return records;
}

const kcatRecords = (): KcatRawInput[] => [
  ...Array.from({ length: 30 }, (_, i) => ({
    key: i % 4 === 0 ? null : Buffer.from(`kcat-${i}`),
    value: i % 5 === 0 ? null : randomPayload(40 + i * 31),
  })),
  { key: Buffer.from('kcat-large'), value: randomPayload(LARGE) },
];

/** What a shallow copy keeps of a batch: its records, codec and timestamps (not offsets, not producer fields). */
const batchShape = (batches: SegmentBatch[]) =>
  batches.filter((b) => !b.isControl).map((b) => ({ count: b.count, codec: b.codec, maxTimestamp: b.maxTimestamp }));

beforeAll(async () => {
  await buildCli();
  // A fresh broker's group coordinator may still be loading; the first run's start must not race it.
  await groupCoordinatorReady(defaultBroker().bootstrap);
});

describe(`shallow copy of every codec on Kafka ${defaultBroker().kafkaVersion}`, () => {
  it('Java and kcat write each codec, `sluice run` forwards the batches, Java and kcat read back the same bytes', async () => {
    const { bootstrap, node } = defaultBroker();
    const partitions = codecs.map((_, partition) => partition);
    const configs = { 'max.message.bytes': String(4 * 1024 * 1024) };
    const source = await createTopic(bootstrap, { partitions: codecs.length, configs });
    const sink = await createTopic(bootstrap, { partitions: codecs.length, configs });

    const base = Date.now() - 5 * HOUR;
    const fromJava = codecs.map((_, partition) => javaRecords(partition, base + partition * HOUR));
    const fromKcat = codecs.map(() => kcatRecords());
    for (const [partition, codec] of codecs.entries()) {
      await javaProduce(bootstrap, source, codec, fromJava[partition]!);
      await kcatProduceRaw(bootstrap, source, fromKcat[partition]!, {
        compression: codec,
        partition,
        headers: ['src=kcat', `codec=${codec}`],
      });
    }
    const total = fromJava.flat().length + fromKcat.flat().length;
    const sourceBatches = await segmentBatches(node, source, partitions);
    // librdkafka sends a batch that its codec does not shrink (the random 900 KB) uncompressed.
    for (const [partition, codec] of codecs.entries()) {
      expect(sourceBatches[partition]!.map((b) => b.codec)).toContain(codec);
    }

    const spec = {
      version: 1,
      name: uniqueName('shallow-codecs'),
      source: {
        cluster: { bootstrapServers: [bootstrap] },
        topics: [source],
        groupId: freshGroup('shallow-codecs'),
        ...SHALLOW_FORMATS,
        stopAt: { mode: 'latest' },
      },
      sink: shallowSink(sink),
      checkpoint: { intervalMs: 500 },
      restart: { strategy: 'none' },
    };
    assertShallowSpec(spec);
    const run = await runCli(['run', writeSpec(spec), '--state-dir', tempDir(), '--progress-interval', '100'], {
      env: { SLUICE_LOG: 'info' },
      timeoutMs: 90_000,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/finished \(([\d,]+) records in/);

    // Kafka's Java consumer: every key, value, header and timestamp, per partition, in order.
    const [javaSource, javaSink] = await Promise.all([
      javaConsume(bootstrap, source, total),
      javaConsume(bootstrap, sink, total),
    ]);
    expect(javaSource).toHaveLength(total);
    expect(contentByPartition(javaSink)).toEqual(contentByPartition(javaSource));
    // What Java read is what was written.
    for (const partition of partitions) {
      const read = javaSource.filter((r) => r.partition === partition);
      expect(contentByPartition(read.slice(0, fromJava[partition]!.length))).toEqual(
        contentByPartition(fromJava[partition]!.map((r, offset) => ({ ...r, offset }))),
      );
    }

    // kcat, with key and value lengths: nulls, empties and every byte come back as they are.
    const [kcatSource, kcatSink] = await Promise.all([
      kcatConsumeRaw(bootstrap, source),
      kcatConsumeRaw(bootstrap, sink),
    ]);
    expect(kcatSource).toHaveLength(total);
    expect(contentByPartition(kcatSink)).toEqual(contentByPartition(kcatSource));
    for (const [partition, codec] of codecs.entries()) {
      const read = kcatSource.filter((r) => r.partition === partition && r.headers.toString().startsWith('src=kcat'));
      const pair = (r: KcatRawInput) => ({ key: bytesText(r.key), value: bytesText(r.value) });
      expect(read.map(pair)).toEqual(fromKcat[partition]!.map(pair));
      expect(read.every((r) => r.headers.toString() === `src=kcat,codec=${codec}`)).toBe(true);
    }

    // The sink's log holds the source's batches: same record counts, codec and max timestamp.
    const sinkBatches = await segmentBatches(node, sink, partitions);
    for (const partition of partitions) {
      expect(batchShape(sinkBatches[partition]!), `partition ${partition} (${codecs[partition]})`).toEqual(
        batchShape(sourceBatches[partition]!),
      );
    }
    const counts = cliBatchCounts(run.stderr);
    expect(counts.copyPath, run.stderr).toMatch(/^shallow/);
    // Every batch of the source forwarded whole, none decoded.
    expect(counts.forwarded, run.stderr).toBe(sourceBatches.flat().length);
    expect(counts.decoded, run.stderr).toBe(0);
  });
});
