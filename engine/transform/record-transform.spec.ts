import { describe, expect, it } from 'vitest';
import { RecordTransform, type TransformInput } from './record-transform.js';

const input = (overrides: Partial<TransformInput> = {}): TransformInput => ({
  key: 'k1',
  value: { amount: 12, kind: 'order' },
  headers: { source: 'web' },
  timestamp: 1_700_000_000_000,
  topic: 'orders',
  partition: 2,
  offset: 41,
  ...overrides,
});

describe('RecordTransform', () => {
  it('is undefined when there is nothing to do', () => {
    expect(RecordTransform.compile(undefined)).toBeUndefined();
    expect(RecordTransform.compile({})).toBeUndefined();
  });

  it('filters on any field, dropping falsy and empty results', async () => {
    const t = RecordTransform.compile({ filter: 'value.amount > 10 and headers.source = "web" and partition = 2' })!;
    expect(await t.apply(input())).toEqual({ keep: true });
    expect(await t.apply(input({ value: { amount: 3 } }))).toEqual({ keep: false });
    const missing = RecordTransform.compile({ filter: 'value.nothing' })!;
    expect(await missing.apply(input())).toEqual({ keep: false });
  });

  it('maps to replacement fields and leaves the others out', async () => {
    const t = RecordTransform.compile({
      map: '{"value": {"id": key, "cents": value.amount * 100}, "headers": {"n": offset}, "timestamp": timestamp + 1}',
    })!;
    expect(await t.apply(input())).toEqual({
      keep: true,
      mapped: { value: { id: 'k1', cents: 1200 }, headers: { n: '41' }, timestamp: 1_700_000_000_001 },
    });
  });

  it('names the record when a map returns something that is not an object', async () => {
    const t = RecordTransform.compile({ map: 'value.amount' })!;
    await expect(t.apply(input())).rejects.toThrow(/transform\.map must return an object.*orders\[2\] at offset 41/);
  });

  it('names the record when an expression fails at run time', async () => {
    const t = RecordTransform.compile({ filter: '$number(value.kind) > 1' })!;
    await expect(t.apply(input())).rejects.toThrow(
      /transform\.filter failed on the record of orders\[2\] at offset 41/,
    );
  });

  it('rejects a timestamp that is not milliseconds', async () => {
    const t = RecordTransform.compile({ map: '{"timestamp": "soon"}' })!;
    await expect(t.apply(input())).rejects.toThrow(/timestamp "soon"/);
  });

  it('cannot reach JavaScript: $eval evaluates JSONata, where "process" is just a missing field', async () => {
    const t = RecordTransform.compile({ map: '{"value": $eval("process.pid"), "key": $string($eval("1 + 1"))}' })!;
    expect(await t.apply(input())).toEqual({ keep: true, mapped: { key: '2' } });
  });
});
