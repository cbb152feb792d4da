import { describe, expect, it } from 'vitest';
import type { SourceRecord } from '../source/source-record.js';
import { RecordTransform } from '../transform/record-transform.js';
import { RecordPipeline } from './record-pipeline.js';

const record = (offset: number, value: string): SourceRecord => ({
  topic: 't',
  partition: 0,
  offset,
  timestamp: 5,
  key: Buffer.from('k'),
  value: Buffer.from(value),
  headers: {},
  bytes: 1 + value.length,
});

describe('RecordPipeline', () => {
  it('passes string records through undecoded when nothing needs them decoded', async () => {
    const pipeline = new RecordPipeline({
      keyFormat: 'string',
      valueFormat: 'string',
      transform: undefined,
      sinkNeedsDecoded: false,
    });
    const [out] = await pipeline.process([record(0, 'x')]);
    expect(out).toEqual({ source: record(0, 'x') });
  });

  it('checks JSON even without a transform', async () => {
    const pipeline = new RecordPipeline({
      keyFormat: 'string',
      valueFormat: 'json',
      transform: undefined,
      sinkNeedsDecoded: false,
    });
    await expect(pipeline.process([record(7, '{bad')])).rejects.toThrow(/t\[0\] offset 7 is not valid JSON/);
  });

  it('filters and maps', async () => {
    const transform = RecordTransform.compile({ filter: 'value.n > 1', map: '{"value": value.n * 10}' });
    const pipeline = new RecordPipeline({
      keyFormat: 'string',
      valueFormat: 'json',
      transform,
      sinkNeedsDecoded: false,
    });
    const out = await pipeline.process([record(0, '{"n":1}'), record(1, '{"n":2}')]);
    expect(out.map((r) => [r.source.offset, r.mapped])).toEqual([[1, { value: 20 }]]);
  });

  it('hands records that do not decode or that a transform fails on to the handler, and keeps the rest', async () => {
    const seen: string[] = [];
    const pipeline = new RecordPipeline({
      keyFormat: 'string',
      valueFormat: 'json',
      transform: RecordTransform.compile({ map: '{"value": $number(value.n) * 2}' }),
      sinkNeedsDecoded: false,
      onRecordError: async (source, error) => {
        seen.push(`${source.offset}:${error.stage}:${error.hintId}`);
      },
    });
    const out = await pipeline.process([
      record(0, '{"n":1}'),
      record(1, 'not json'),
      record(2, '{"n":"x"}'),
      record(3, '{"n":3}'),
    ]);
    expect(out.map((r) => [r.source.offset, r.mapped?.value])).toEqual([
      [0, 2],
      [3, 6],
    ]);
    expect(seen).toEqual(['1:value:record-undecodable', '2:transform.map:record-undecodable']);
  });

  it('fails on other errors even with a handler', async () => {
    const pipeline = new RecordPipeline({
      keyFormat: 'string',
      valueFormat: 'json',
      transform: undefined,
      sinkNeedsDecoded: false,
      onRecordError: async (_source, error) => {
        throw error;
      },
    });
    await expect(pipeline.process([record(4, '{')])).rejects.toMatchObject({
      hintId: 'record-undecodable',
      details: { topic: 't', partition: 0, offset: 4, stage: 'value' },
    });
  });
});
