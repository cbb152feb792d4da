import { beforeAll, describe, expect, it } from 'vitest';
import { createTopic } from '../bench/helpers.js';
import { kcatConsumeRaw, kcatProduceRaw, type KcatRawInput, type KcatRawRecord } from '../bench/kcat-raw.js';
import type { JobSpec } from '../../engine/spec/index.js';
import { bootstrap, groupCoordinatorReady, jobSpec, runBounded } from './engine-job-kit.js';

// The engine's shallow copy path against the bench broker: batches written by kcat (librdkafka)
// are forwarded as bytes and read back by kcat, record for record.

const binary = (seed: number, length: number): Buffer =>
  Buffer.from(Array.from({ length }, (_, i) => ((seed * 31 + i * 7) % 29) + 1));

function inputs(count: number, seed: number): KcatRawInput[] {
  return Array.from({ length: count }, (_, i) => ({
    key: i % 5 === 0 ? null : binary(seed + i, 8),
    value: i % 7 === 0 ? null : binary(seed * 3 + i, 40 + (i % 50)),
  }));
}

const comparable = (records: KcatRawRecord[]) =>
  records.map(({ partition, timestamp, key, value, headers }) => ({ partition, timestamp, key, value, headers }));

function shallowSpec(source: string, sink: string, sinkOverrides: Record<string, unknown>): JobSpec {
  return jobSpec({
    source: { topics: [source], stopAt: { mode: 'latest' }, keyFormat: 'bytes', valueFormat: 'bytes' },
    sink: { type: 'kafka', topic: sink, partitioner: 'source-partition', writeTimestamp: true, ...sinkOverrides },
  });
}

describe('engine shallow copy', () => {
  // A fresh bench broker creates __consumer_offsets on the first group request.
  beforeAll(() => groupCoordinatorReady(bootstrap()));

  for (const guarantee of ['at-least-once', 'exactly-once'] as const) {
    it(`forwards lz4 batches from kcat as they are (${guarantee})`, async () => {
      const source = await createTopic(bootstrap(), { partitions: 2 });
      for (const [round, partition] of [0, 1, 0, 1, 0].entries()) {
        await kcatProduceRaw(bootstrap(), source, inputs(150, round), {
          compression: 'lz4',
          partition,
          headers: ['trace=abc', `round=${round}`],
        });
      }
      const sink = await createTopic(bootstrap(), { partitions: 2 });
      const { result, events } = await runBounded(
        shallowSpec(source, sink, {
          deliveryGuarantee: guarantee,
          ...(guarantee === 'exactly-once' ? { transactionalIdPrefix: `shallow-${sink}` } : {}),
        }),
      );
      expect(result.state).toBe('finished');
      expect(events.started[0]?.copyPath).toEqual({ kind: 'shallow' });
      const metrics = events.metrics.at(-1)!;
      expect(metrics.batchesForwarded).toBeGreaterThanOrEqual(5);
      expect(metrics.recordsOut).toBe(750);

      const expected = await kcatConsumeRaw(bootstrap(), source);
      const copied = await kcatConsumeRaw(bootstrap(), sink, { readCommitted: true });
      expect(copied).toHaveLength(750);
      expect(comparable(copied)).toEqual(comparable(expected));
    });
  }

  it('decodes the batches of a log-append-time topic, keeping the time the broker stamped', async () => {
    const source = await createTopic(bootstrap(), { configs: { 'message.timestamp.type': 'LogAppendTime' } });
    await kcatProduceRaw(bootstrap(), source, inputs(40, 3), { compression: 'gzip', partition: 0 });
    await kcatProduceRaw(bootstrap(), source, inputs(40, 4), { compression: 'none', partition: 0 });
    const sink = await createTopic(bootstrap());
    const { result, events } = await runBounded(shallowSpec(source, sink, {}));
    expect(result.state).toBe('finished');
    const metrics = events.metrics.at(-1)!;
    expect(metrics.batchesForwarded).toBe(0);
    expect(metrics.batchesDecoded).toEqual({ 'log-append-time': 2 });
    const expected = await kcatConsumeRaw(bootstrap(), source);
    const copied = await kcatConsumeRaw(bootstrap(), sink);
    expect(comparable(copied)).toEqual(comparable(expected));
  });

  it('ends a bounded copy inside a batch exactly at its stop offset', async () => {
    const source = await createTopic(bootstrap());
    for (const round of [0, 1, 2])
      await kcatProduceRaw(bootstrap(), source, inputs(100, round), { compression: 'snappy', partition: 0 });
    const sink = await createTopic(bootstrap());
    const spec = shallowSpec(source, sink, {});
    const { result, events } = await runBounded({
      ...spec,
      source: {
        ...spec.source,
        startFrom: {
          mode: 'specific-offsets',
          offsets: [{ topic: source, partition: 0, offset: 30 }],
          fallback: 'earliest',
        },
        stopAt: { mode: 'specific-offsets', offsets: [{ topic: source, partition: 0, offset: 250 }] },
      },
    } as JobSpec);
    expect(result.state).toBe('finished');
    const metrics = events.metrics.at(-1)!;
    expect(metrics.batchesForwarded).toBe(1);
    expect(metrics.batchesDecoded).toEqual({ 'partial-batch': 2 });
    const expected = (await kcatConsumeRaw(bootstrap(), source)).filter((r) => r.offset >= 30 && r.offset < 250);
    const copied = await kcatConsumeRaw(bootstrap(), sink);
    expect(copied).toHaveLength(220);
    expect(comparable(copied)).toEqual(comparable(expected));
  });
});
