import { describe, expect, it } from 'vitest';
import type { BrowsedRecord } from '../../ipc/contract';
import { browsedBytes } from './browsed-bytes';
import { filterInput, RecordMatcher } from './record-matcher';

const record = (key: string | Buffer | null, value: string | Buffer | null, offset = 0): BrowsedRecord => ({
  partition: 1,
  offset,
  timestamp: 1_700_000_000_000,
  key: browsedBytes(key),
  value: browsedBytes(value),
  headers: [
    ['source', browsedBytes('web')],
    ['tag', browsedBytes('a')],
    ['tag', browsedBytes('b')],
  ],
});

describe('filterInput', () => {
  it('parses JSON values, keeps other text, gives binary as base64 and repeated headers as a list', () => {
    expect(filterInput('orders', record('k-1', '{"amount": 5}'))).toEqual({
      key: 'k-1',
      value: { amount: 5 },
      headers: { source: 'web', tag: ['a', 'b'] },
      timestamp: 1_700_000_000_000,
      topic: 'orders',
      partition: 1,
      offset: 0,
    });
    expect(filterInput('orders', record(null, Buffer.from([0xff, 0xfe]))).value).toBe('//4=');
  });
});

describe('RecordMatcher', () => {
  it('is undefined when the filter and the search are blank', () => {
    expect(RecordMatcher.create({ filter: '  ', search: '' })).toBeUndefined();
  });

  it('keeps a record when the JSONata filter is true over value, headers and position', async () => {
    const matcher = RecordMatcher.create({ filter: "value.amount > 10 and headers.source = 'web' and partition = 1" })!;
    expect(await matcher.test('t', record('a', '{"amount": 11}'))).toEqual({ matched: true });
    expect(await matcher.test('t', record('a', '{"amount": 10}'))).toEqual({ matched: false });
    expect(await matcher.test('t', record('a', 'not json'))).toEqual({ matched: false });
  });

  it('searches key and value text case-insensitively, and combines the search with the filter', async () => {
    const search = RecordMatcher.create({ search: 'ORDER-7' })!;
    expect(await search.test('t', record('order-7', 'x'))).toEqual({ matched: true });
    expect(await search.test('t', record('k', '{"ref":"Order-7"}'))).toEqual({ matched: true });
    expect(await search.test('t', record('k', 'order-8'))).toEqual({ matched: false });
    const both = RecordMatcher.create({ search: 'order', filter: 'value.amount > 1' })!;
    expect(await both.test('t', record('order-1', '{"amount": 2}'))).toEqual({ matched: true });
    expect(await both.test('t', record('order-1', '{"amount": 1}'))).toEqual({ matched: false });
    expect(await both.test('t', record('x', '{"amount": 2}'))).toEqual({ matched: false });
  });

  it('counts a record the filter cannot evaluate as not matched, with the error naming it', async () => {
    const matcher = RecordMatcher.create({ filter: 'value.amount + "x"' })!;
    const outcome = await matcher.test('orders', record('k', '{"amount": 1}', 42));
    expect(outcome.matched).toBe(false);
    expect('error' in outcome && outcome.error).toMatch(/orders\[1\] at offset 42/);
  });
});
