import { describe, expect, it } from 'vitest';
import { preview, recordKey, showValue } from './record-view';

describe('showValue', () => {
  it('pretty-prints JSON objects and arrays', () => {
    expect(showValue('{"a":1,"b":[2,3]}')).toEqual({
      text: '{\n  "a": 1,\n  "b": [\n    2,\n    3\n  ]\n}',
      json: true,
    });
    expect(showValue(' [1] ').json).toBe(true);
  });

  it('shows text and broken JSON as they came', () => {
    expect(showValue('{not json')).toEqual({ text: '{not json', json: false });
    expect(showValue('plain')).toEqual({ text: 'plain', json: false });
    expect(showValue(null)).toEqual({ text: 'null', json: false });
  });
});

describe('preview', () => {
  it('folds whitespace and cuts long values', () => {
    expect(preview('a\n  b')).toBe('a b');
    expect(preview('x'.repeat(10), 5)).toBe('xxxx…');
  });
});

describe('recordKey', () => {
  it('names a record by partition and offset', () => {
    expect(recordKey({ partition: 3, offset: 42 })).toBe('3/42');
  });
});
