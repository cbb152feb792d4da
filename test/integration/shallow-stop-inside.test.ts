import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StartFrom, StopAt } from '../../engine/spec/index.js';
import { createTopic, defaultBroker } from '../bench/helpers.js';
import { javaConsume } from '../bench/java-records.js';
import { kcatConsumeRaw, kcatProduceRaw } from '../bench/kcat-raw.js';
import { segmentBatches, type SegmentBatch } from '../bench/log-segments.js';
import { contentByPartition } from '../bench/record-content.js';
import { assertShallowSpec, batchCounts, SHALLOW_FORMATS, shallowSink } from '../bench/shallow-job.js';
import { groupCoordinatorReady, jobSpec, runBounded } from './engine-job-kit.js';

// Start and stop offsets inside a record batch: kcat writes three batches of 100 records to each
// partition (lz4 on 0, gzip on 1); a shallow job that starts or stops in the middle of one decodes
// that batch record by record (`partial-batch`) and forwards the others whole. The sink holds
// exactly the records from the start offset up to, not including, the stop offset, as Java and kcat
// read them; the batches forwarded keep their codec and size, which the record path cannot do.

const BATCH = 100;
const BATCHES = 3;
const TOTAL = BATCH * BATCHES;
const CODECS = ['lz4', 'gzip'];
const PARTITIONS = [0, 1];

/** Bytes without the kcat delimiters (0x1e, 0x1f). */
const payload = (length: number): Buffer =>
  Buffer.from(randomBytes(length).map((b) => (b === 0x1e || b === 0x1f ? 0x20 : b)));

let source: string;
let sourceBatches: SegmentBatch[][];

beforeAll(async () => {
  const { bootstrap, node } = defaultBroker();
  source = await createTopic(bootstrap, { partitions: PARTITIONS.length });
  // A fresh broker's group coordinator may still be loading; the job's start must not race it.
  await groupCoordinatorReady(bootstrap);
  for (const partition of PARTITIONS) {
    for (let batch = 0; batch < BATCHES; batch++) {
      const records = Array.from({ length: BATCH }, (_, i) => ({
        key: i % 9 === 0 ? null : Buffer.from(`k-${partition}-${batch}-${i}`),
        value: i % 13 === 5 ? null : payload(20 + i),
      }));
      // One kcat per batch, lingering long enough that its 100 records leave as one batch.
      await kcatProduceRaw(bootstrap, source, records, {
        compression: CODECS[partition]!,
        partition,
        headers: [`batch=${batch}`],
        lingerMs: 2_000,
      });
    }
  }
  sourceBatches = await segmentBatches(node, source, PARTITIONS);
  for (const [partition, codec] of CODECS.entries()) {
    expect(sourceBatches[partition]!.map((b) => [b.baseOffset, b.count, b.codec])).toEqual([
      [0, BATCH, codec],
      [BATCH, BATCH, codec],
      [2 * BATCH, BATCH, codec],
    ]);
  }
});

const shape = (batches: SegmentBatch[]) => batches.map((b) => ({ count: b.count, codec: b.codec }));

/** Copies `source` shallow from `startFrom` to `stopAt`; returns the sink and the run's batch counts. */
async function copy(startFrom: StartFrom, stopAt: StopAt) {
  const sink = await createTopic(defaultBroker().bootstrap, { partitions: PARTITIONS.length });
  const spec = jobSpec({
    source: { topics: [source], ...SHALLOW_FORMATS, startFrom, stopAt },
    sink: shallowSink(sink),
  });
  assertShallowSpec(spec);
  const { result } = await runBounded(spec);
  expect(result.state, result.error?.message).toBe('finished');
  return { sink, counts: batchCounts(result.metrics), recordsOut: result.metrics.recordsOut };
}

/** The sink as Java and kcat read it equals the source's records [from, to) of each partition. */
async function expectSinkHolds(sink: string, ranges: Record<number, [number, number]>) {
  const { bootstrap } = defaultBroker();
  const expected = Object.values(ranges).reduce((sum, [from, to]) => sum + to - from, 0);
  const inRange = (r: { partition: number; offset: number }) =>
    r.offset >= ranges[r.partition]![0] && r.offset < ranges[r.partition]![1];
  const [javaSource, javaSink, kcatSource, kcatSink] = await Promise.all([
    javaConsume(bootstrap, source, PARTITIONS.length * TOTAL),
    javaConsume(bootstrap, sink, expected),
    kcatConsumeRaw(bootstrap, source),
    kcatConsumeRaw(bootstrap, sink),
  ]);
  expect(javaSink).toHaveLength(expected);
  expect(contentByPartition(javaSink)).toEqual(contentByPartition(javaSource.filter(inRange)));
  expect(kcatSink).toHaveLength(expected);
  expect(contentByPartition(kcatSink)).toEqual(contentByPartition(kcatSource.filter(inRange)));
}

describe(`shallow copy from and to offsets inside a batch on Kafka ${defaultBroker().kafkaVersion}`, () => {
  it('stops exactly at 150 and 250: the last batch read is decoded, the ones before it forwarded', async () => {
    const { node } = defaultBroker();
    const stops = [150, 250];
    const { sink, counts, recordsOut } = await copy(
      { mode: 'earliest' },
      {
        mode: 'specific-offsets',
        offsets: PARTITIONS.map((partition) => ({ topic: source, partition, offset: stops[partition]! })),
      },
    );
    expect(recordsOut).toBe(150 + 250);
    await expectSinkHolds(sink, { 0: [0, 150], 1: [0, 250] });

    // The whole batches before each stop are in the sink as they were (size and codec), then the part of the last.
    const sinkBatches = await segmentBatches(node, sink, PARTITIONS);
    for (const partition of PARTITIONS) {
      const whole = Math.floor(stops[partition]! / BATCH);
      const batches = sinkBatches[partition]!;
      expect(shape(batches.slice(0, whole))).toEqual(shape(sourceBatches[partition]!.slice(0, whole)));
      expect(batches.slice(whole).reduce((sum, b) => sum + b.count, 0)).toBe(stops[partition]! % BATCH);
    }
    // Partition 0 forwards one whole batch and partition 1 two; each decodes one.
    expect(counts).toEqual({ forwarded: 1 + 2, partial: 2, decoded: 2 });
  });

  it('starts exactly at 150 and 50: the first batch read is decoded, the ones after it forwarded', async () => {
    const { node } = defaultBroker();
    const starts = [150, 50];
    const { sink, counts, recordsOut } = await copy(
      {
        mode: 'specific-offsets',
        offsets: PARTITIONS.map((partition) => ({ topic: source, partition, offset: starts[partition]! })),
        fallback: 'earliest',
      },
      { mode: 'latest' },
    );
    expect(recordsOut).toBe(TOTAL - 150 + TOTAL - 50);
    await expectSinkHolds(sink, { 0: [150, TOTAL], 1: [50, TOTAL] });

    // The part of the first batch, then the whole batches after it as they were.
    const sinkBatches = await segmentBatches(node, sink, PARTITIONS);
    for (const partition of PARTITIONS) {
      const whole = BATCHES - Math.ceil(starts[partition]! / BATCH);
      const batches = sinkBatches[partition]!;
      expect(shape(batches.slice(-whole))).toEqual(shape(sourceBatches[partition]!.slice(-whole)));
      expect(batches.slice(0, -whole).reduce((sum, b) => sum + b.count, 0)).toBe(BATCH - (starts[partition]! % BATCH));
    }
    // Partition 0 forwards its last batch and partition 1 its last two; each decodes one.
    expect(counts).toEqual({ forwarded: 1 + 2, partial: 2, decoded: 2 });
  });
});
