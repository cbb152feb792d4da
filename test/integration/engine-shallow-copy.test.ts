import { describe, expect, it } from 'vitest';
import { createTopic } from '../bench/helpers.js';
import { kcatConsumeRaw, kcatProduceRaw, type KcatRawInput, type KcatRawRecord } from '../bench/kcat-raw.js';
import type { JobSpec } from '../../engine/spec/index.js';
import { bootstrap, jobSpec, runBounded } from './engine-job-kit.js';

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
});
