import { describe, expect, it } from 'vitest';
import { boundsHint, fillRows } from './offset-rows';

const bounds = [
  { topic: 'orders', partition: 0, logStartOffset: 5, logEndOffset: 40 },
  { topic: 'orders', partition: 1, logStartOffset: 0, logEndOffset: 12 },
];

describe('specific offset rows', () => {
  it('adds a row per partition not listed yet, at its log start or end', () => {
    const listed = [{ topic: 'orders', partition: 1, offset: 3 }];
    expect(fillRows(listed, bounds, 'start')).toEqual([
      { topic: 'orders', partition: 1, offset: 3 },
      { topic: 'orders', partition: 0, offset: 5 },
    ]);
    expect(fillRows([], bounds, 'end').map((r) => r.offset)).toEqual([40, 12]);
  });

  it("names a row's partition bounds when known", () => {
    expect(boundsHint({ topic: 'orders', partition: 0, offset: 9 }, bounds)).toBe('log 5–40');
    expect(boundsHint({ topic: 'other', partition: 0, offset: 9 }, bounds)).toBe(undefined);
  });
});
