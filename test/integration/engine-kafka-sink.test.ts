import { describe, expect, it } from 'vitest';
import { createTopic, produceN } from '../bench/helpers.js';
import { kcatConsume } from '../bench/kcat.js';
import { kcatConsumeRaw, kcatProduceRaw } from '../bench/kcat-raw.js';
import {
  bootstrap,
  fillPartitions,
  jobSpec,
  offsetsByPartition,
  range,
  recordedJob,
  runBounded,
  withTimeout,
} from './engine-job-kit.js';

// Kafka to Kafka through the engine, read back with kcat as an independent client.

const HOUR = 3_600_000;

describe('engine kafka sink', () => {
  it('writeTimestamp keeps the source timestamps; without it records get the time of sending', async () => {
    const source = await createTopic(bootstrap(), { partitions: 2 });
    const base = Date.now() - 5 * HOUR;
    const produced = await produceN(bootstrap(), source, 10, { timestamp: (i) => base + i * 1_000 });
    const copy = async (writeTimestamp: boolean) => {
      const sink = await createTopic(bootstrap(), { partitions: 2 });
      const { result } = await runBounded(
        jobSpec({
          source: { topics: [source], stopAt: { mode: 'latest' } },
          sink: { type: 'kafka', topic: sink, writeTimestamp },
        }),
      );
      expect(result.state).toBe('finished');
      return kcatConsume(bootstrap(), sink);
    };

    const kept = await copy(true);
    expect(kept).toHaveLength(10);
    const sourceTimestamps = Object.fromEntries(produced.map((r) => [r.key, r.timestamp]));
    for (const record of kept) {
      expect(record.timestampType).toBe('create');
      expect(record.timestamp).toBe(sourceTimestamps[record.key!]);
    }

    const startedAt = Date.now() - 60_000;
    const fresh = await copy(false);
    expect(fresh).toHaveLength(10);
    for (const record of fresh) expect(record.timestamp).toBeGreaterThan(startedAt);
  });

  it('filters and maps with JSONata', async () => {
    const source = await createTopic(bootstrap());
    const sink = await createTopic(bootstrap());
    await produceN(bootstrap(), source, 6, {
      value: (i) => JSON.stringify({ n: i, kind: i % 3 === 0 ? 'skip' : 'keep' }),
    });
    const { result, job } = await runBounded(
      jobSpec({
        source: { topics: [source], valueFormat: 'json', stopAt: { mode: 'latest' } },
        transform: {
          filter: 'value.kind = "keep"',
          map: '{"value": {"id": key, "double": value.n * 2}, "headers": {"via": "sluice", "from": topic & ":" & offset}}',
        },
        sink: { type: 'kafka', topic: sink },
      }),
    );
    expect(result.state).toBe('finished');
    const out = await kcatConsume(bootstrap(), sink);
    expect(out.map((r) => [r.key, JSON.parse(r.value!), r.headers])).toEqual(
      [1, 2, 4, 5].map((i) => [
        `key-${i}`,
        { id: `key-${i}`, double: i * 2 },
        { via: 'sluice', from: `${source}:${i}` },
      ]),
    );
    expect(job.metrics()).toMatchObject({ recordsIn: 6, recordsOut: 4, recordsFiltered: 2 });
  });

  it('a bounded job stops at the end offsets of its start, not at records written later', async () => {
    const source = await createTopic(bootstrap(), { partitions: 2 });
    const sink = await createTopic(bootstrap(), { partitions: 2 });
    await fillPartitions(source, 2, 5);
    const recorded = recordedJob(
      jobSpec({
        source: { topics: [source], stopAt: { mode: 'latest' } },
        sink: { type: 'kafka', topic: sink, partitioner: 'source-partition' },
      }),
    );
    let late: Promise<void> | undefined;
    recorded.job.on('started', () => (late = fillPartitions(source, 2, 5)));
    await recorded.job.start();
    const result = await withTimeout(recorded.job.done(), 30_000, 'the job to finish');
    await late;
    expect(result.state).toBe('finished');
    expect(result.metrics.partitions.map((p) => [p.partition, p.currentOffset, p.stopOffset, p.finished])).toEqual([
      [0, 5, 5, true],
      [1, 5, 5, true],
    ]);
    // source-partition: each record lands in the partition number it came from.
    const out = await kcatConsume(bootstrap(), sink);
    expect(out.map((r) => `${r.partition}:${r.value}`).sort()).toEqual(
      [0, 1].flatMap((p) => range(0, 5).map((i) => `${p}:p${p}-${i}`)).sort(),
    );
  });

  it('stops at a timestamp, and at specific offsets leaving unlisted partitions unread', async () => {
    const source = await createTopic(bootstrap(), { partitions: 3 });
    const base = Date.now() - HOUR;
    await fillPartitions(source, 3, 6, { timestamp: (_, i) => base + i * 1_000 });

    const byTime = await createTopic(bootstrap(), { partitions: 3 });
    const timed = await runBounded(
      jobSpec({
        source: { topics: [source], stopAt: { mode: 'timestamp', timestamp: base + 3_500 } },
        sink: { type: 'kafka', topic: byTime, partitioner: 'source-partition' },
      }),
    );
    expect(timed.result.state).toBe('finished');
    expect(offsetsByPartition(await kcatConsume(bootstrap(), byTime), 3)).toEqual({
      0: range(0, 4),
      1: range(0, 4),
      2: range(0, 4),
    });

    const byOffset = await createTopic(bootstrap(), { partitions: 3 });
    const specific = await runBounded(
      jobSpec({
        source: {
          topics: [source],
          stopAt: {
            mode: 'specific-offsets',
            offsets: [
              { topic: source, partition: 0, offset: 2 },
              { topic: source, partition: 1, offset: 6 },
            ],
          },
        },
        sink: { type: 'kafka', topic: byOffset, partitioner: 'source-partition' },
      }),
    );
    expect(specific.result.state).toBe('finished');
    expect(specific.events.warning.map((w) => w.message).join('\n')).toMatch(new RegExp(`leaves out ${source}\\[2\\]`));
    expect(offsetsByPartition(await kcatConsume(bootstrap(), byOffset), 3)).toEqual({
      0: [0, 1],
      1: range(0, 6),
      2: [],
    });
  });

  it('key "none" writes records without keys (gzip, delivery "none", acks 1)', async () => {
    const source = await createTopic(bootstrap());
    const sink = await createTopic(bootstrap());
    await produceN(bootstrap(), source, 3);
    const { result } = await runBounded(
      jobSpec({
        source: { topics: [source], stopAt: { mode: 'latest' } },
        sink: {
          type: 'kafka',
          topic: sink,
          key: 'none',
          compression: 'gzip',
          // The least safe settings still deliver everything when nothing fails.
          deliveryGuarantee: 'none',
          acks: 1,
          idempotent: false,
          maxInFlightRequests: 5,
        },
      }),
    );
    expect(result.state).toBe('finished');
    expect((await kcatConsume(bootstrap(), sink)).map((r) => [r.key, r.value])).toEqual(
      range(0, 3).map((i) => [null, `value-${i}`]),
    );
  });

  it('a record that is not JSON fails the job, naming topic, partition and offset', async () => {
    const source = await createTopic(bootstrap());
    const sink = await createTopic(bootstrap());
    await produceN(bootstrap(), source, 3, { value: (i) => (i === 2 ? '{not json' : JSON.stringify({ i })) });
    const { result, events } = await runBounded(
      jobSpec({
        source: { topics: [source], valueFormat: 'json', stopAt: { mode: 'latest' } },
        sink: { type: 'kafka', topic: sink },
      }),
    );
    expect(result.state).toBe('failed');
    expect(result.error?.message).toMatch(
      new RegExp(`value of the record at ${source}\\[0\\] offset 2 is not valid JSON`),
    );
    expect(result.error?.retriable).toBe(false);
    expect(events.state.map((s) => s.to)).toEqual(['starting', 'running', 'failed']);
  });

  it('fails start clearly when the sink topic does not exist', async () => {
    const source = await createTopic(bootstrap());
    const { job } = recordedJob(
      jobSpec({ source: { topics: [source] }, sink: { type: 'kafka', topic: 'no-such-sink-topic' } }),
    );
    await expect(job.start()).rejects.toThrow(/sink topic "no-such-sink-topic" does not exist/);
    expect((await job.done()).error?.hintId).toBe('topic-missing');
  });

  it('copies tightly compressed input whose fetched records exceed a batch a topic takes (1 MB) when written out plain', async () => {
    const source = await createTopic(bootstrap());
    // 6 MB of repetitive values that lz4 packs into a few hundred KB: one fetch holds all of it.
    const records = Array.from({ length: 6_000 }, (_, i) => ({
      key: Buffer.from(`k${i}`),
      value: Buffer.from(`${i}:`.padEnd(1_000, 'x')),
    }));
    await kcatProduceRaw(bootstrap(), source, records, { compression: 'lz4', partition: 0, lingerMs: 1_000 });
    const sink = await createTopic(bootstrap());
    const { result } = await runBounded(
      jobSpec({ source: { topics: [source], stopAt: { mode: 'latest' } }, sink: { type: 'kafka', topic: sink } }),
    );
    expect(result.error?.message).toBeUndefined();
    expect(result.state).toBe('finished');
    const copied = await kcatConsumeRaw(bootstrap(), sink);
    expect(copied.map((r) => r.value!.toString())).toEqual(records.map((r) => r.value.toString()));
  });
});
