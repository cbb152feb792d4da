import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTopic, defaultBroker, uniqueName } from '../bench/helpers.js';
import { javaConsume, type RawRecord } from '../bench/java-records.js';
import { kcatConsumeRaw } from '../bench/kcat-raw.js';
import { segmentBatches } from '../bench/log-segments.js';
import { contentByPartition } from '../bench/record-content.js';
import { assertShallowSpec, batchCounts, SHALLOW_FORMATS, shallowSink } from '../bench/shallow-job.js';
import { pythonTransactions, type TransactionStep, type TransactionStepKind } from '../bench/transactions-peer.js';
import { groupCoordinatorReady, jobSpec, runBounded } from './engine-job-kit.js';

// A source topic written by librdkafka's transactional producer (Python confluent-kafka): committed
// and aborted transactions interleaved with plain records, on two partitions, ending on an abort.
// A shallow copy reading read_committed writes every committed and plain record and nothing of the
// aborted ones, and no transaction marker as a record; read_uncommitted copies the aborted records
// too, as the record path does. Kafka's Java consumer and kcat read source and sink back.

const PARTITIONS = [0, 1];
const HOUR = 3_600_000;

const PLAN: [TransactionStepKind, number][] = [
  ['plain', 5],
  ['commit', 10],
  ['abort', 8],
  ['plain', 3],
  ['commit', 12],
  ['abort', 6],
  ['abort', 4],
  ['commit', 7],
  ['plain', 5],
  ['commit', 1],
  ['abort', 3],
];

function steps(base: number): TransactionStep[] {
  return PLAN.map(([kind, count], index) => ({
    kind,
    records: PARTITIONS.flatMap((partition) =>
      Array.from({ length: count }, (_, i): RawRecord => {
        const headers: [string, Buffer | null][] = [
          ['step', Buffer.from(`${index}-${kind}`)],
          ['bin', randomBytes(6)],
        ];
        if (i % 4 === 1) headers.push(['nil', null]);
        return {
          partition,
          offset: 0,
          timestamp: base + index * 60_000 + i,
          key: i % 5 === 0 ? null : Buffer.from(`k-${index}-${partition}-${i}`),
          value: i % 6 === 3 ? null : Buffer.from(`${kind}-${index}-${partition}-${i}`),
          headers,
        };
      }),
    ),
  }));
}

let source: string;
let written: TransactionStep[];
const records = (kinds: TransactionStepKind[]) =>
  written.filter((step) => kinds.includes(step.kind)).flatMap((step) => step.records);

beforeAll(async () => {
  // A fresh broker's group coordinator may still be loading; the job's start must not race it.
  await groupCoordinatorReady(defaultBroker().bootstrap);
  source = await createTopic(defaultBroker().bootstrap, { partitions: PARTITIONS.length });
  written = steps(Date.now() - 2 * HOUR);
  await pythonTransactions(defaultBroker().bootstrap, source, written);
});

async function copy(isolationLevel: 'read_committed' | 'read_uncommitted', delivery: 'at-least-once' | 'exactly-once') {
  const { bootstrap } = defaultBroker();
  const sink = await createTopic(bootstrap, { partitions: PARTITIONS.length });
  const input = {
    source: { topics: [source], ...SHALLOW_FORMATS, isolationLevel, stopAt: { mode: 'latest' as const } },
    sink: shallowSink(sink, { delivery, transactionalIdPrefix: uniqueName('shallow-tx') }),
  };
  const spec = jobSpec(input);
  assertShallowSpec(spec);
  const { result } = await runBounded(spec);
  expect(result.state, result.error?.message).toBe('finished');
  return { sink, metrics: result.metrics };
}

/** Java's and kcat's view of a topic, by partition, in order. */
async function read(topic: string, count: number, readCommitted: boolean) {
  const { bootstrap } = defaultBroker();
  const [java, kcat] = await Promise.all([
    javaConsume(bootstrap, topic, count, { readCommitted }),
    kcatConsumeRaw(bootstrap, topic, { readCommitted }),
  ]);
  return { java: contentByPartition(java), kcat: contentByPartition(kcat) };
}

/**
 * Copies the source with `isolationLevel`; the source read that way (Java) holds exactly the records
 * of the step kinds given, and the sink read that way (Java, kcat) the same as the source.
 */
async function copyAndCompare(
  isolationLevel: 'read_committed' | 'read_uncommitted',
  delivery: 'at-least-once' | 'exactly-once',
  kinds: TransactionStepKind[],
) {
  const wanted = records(kinds);
  const readCommitted = isolationLevel === 'read_committed';
  const { sink, metrics } = await copy(isolationLevel, delivery);
  expect(metrics.recordsOut).toBe(wanted.length);
  const expected = contentByPartition(wanted);
  const sourceView = await read(source, wanted.length, readCommitted);
  expect(sourceView.java).toEqual(expected);
  const sinkView = await read(sink, wanted.length, readCommitted);
  expect(sinkView.java).toEqual(expected);
  expect(sinkView.kcat).toEqual(sourceView.kcat);
  return { sink, metrics, wanted, sourceView };
}

describe(`shallow copy of a transactional source on Kafka ${defaultBroker().kafkaVersion}`, () => {
  it.each(['at-least-once', 'exactly-once'] as const)(
    'read_committed, %s: the committed and plain records, no aborted one, no marker as a record',
    async (delivery) => {
      const { node } = defaultBroker();
      const copied = await copyAndCompare('read_committed', delivery, ['plain', 'commit']);
      const { sink, metrics, wanted: committed, sourceView } = copied;
      // Read uncommitted, the sink still holds only those: nothing aborted was written at all.
      expect((await read(sink, committed.length, false)).kcat).toEqual(sourceView.kcat);

      // The sink's data batches hold exactly the committed records; markers only from its own transactions.
      const sinkBatches = await segmentBatches(node, sink, PARTITIONS);
      for (const partition of PARTITIONS) {
        const batches = sinkBatches[partition]!;
        const data = batches.filter((b) => !b.isControl);
        expect(data.reduce((sum, b) => sum + b.count, 0)).toBe(
          committed.filter((r) => r.partition === partition).length,
        );
        expect(data.every((b) => b.isTransactional === (delivery === 'exactly-once'))).toBe(true);
        if (delivery === 'at-least-once') expect(batches.filter((b) => b.isControl)).toEqual([]);
      }
      // Batches of committed transactions and plain ones forwarded, one sink batch each; nothing decoded.
      const sinkData = sinkBatches.flat().filter((b) => !b.isControl).length;
      expect(batchCounts(metrics)).toMatchObject({ forwarded: sinkData, decoded: 0 });
      expect(sinkData).toBeGreaterThan(0);
    },
  );

  it('read_uncommitted: every record, the aborted ones too, and no marker as a record', async () => {
    const { node } = defaultBroker();
    const { sink, metrics } = await copyAndCompare('read_uncommitted', 'at-least-once', ['plain', 'commit', 'abort']);

    // The source holds a marker per transaction on each partition; the sink none, and no transactional batch.
    const [sourceBatches, sinkBatches] = await Promise.all([
      segmentBatches(node, source, PARTITIONS),
      segmentBatches(node, sink, PARTITIONS),
    ]);
    const transactions = PLAN.filter(([kind]) => kind !== 'plain').length;
    for (const partition of PARTITIONS) {
      expect(sourceBatches[partition]!.filter((b) => b.isControl)).toHaveLength(transactions);
      expect(sinkBatches[partition]!.filter((b) => b.isControl || b.isTransactional)).toEqual([]);
    }
    // Every data batch forwarded, the aborted ones too; nothing decoded.
    const dataBatches = sourceBatches.flat().filter((b) => !b.isControl).length;
    expect(batchCounts(metrics)).toMatchObject({ forwarded: dataBatches, decoded: 0 });
  });
});
