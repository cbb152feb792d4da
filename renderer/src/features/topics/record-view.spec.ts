import { describe, expect, it } from 'vitest';
import type { BrowsedBytes } from '../../../../main/ipc/contract';
import { defaultView, hexOf, preview, recordKey, schemaLine, showBytes, showValue, viewsFor } from './record-view';

const text = (t: string): BrowsedBytes => ({ base64: Buffer.from(t).toString('base64'), text: t, size: t.length });
const binary = (bytes: number[]): BrowsedBytes => ({
  base64: Buffer.from(bytes).toString('base64'),
  text: null,
  size: bytes.length,
});

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

describe('showBytes', () => {
  it('shows text, hex or base64, and never shows bytes that are not UTF-8 as text', () => {
    expect(showBytes(text('{"a":1}'), 'text')).toEqual({ text: '{\n  "a": 1\n}', json: true });
    expect(showBytes(text('hi'), 'hex').text).toBe('68 69');
    expect(showBytes(text('hi'), 'base64').text).toBe('aGk=');
    expect(showBytes(binary([0xff, 0x00, 0xc3]), 'text').text).toBe('ff 00 c3');
  });

  it('breaks hex every 16 bytes and says how many bytes it left out', () => {
    const bytes = Array.from({ length: 20 }, (_, i) => i);
    expect(hexOf(Buffer.from(bytes).toString('base64'))).toBe(
      '00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f\n10 11 12 13',
    );
    expect(hexOf(Buffer.from(bytes).toString('base64'), 2)).toBe('00 01\n… 18 more bytes');
  });

  it('starts in hex when any payload of the record is binary', () => {
    expect(defaultView({ key: text('k'), value: null, headers: [['h', text('v')]] })).toBe('text');
    expect(defaultView({ key: null, value: text('v'), headers: [['h', binary([0xfe])]] })).toBe('hex');
  });
});

describe('preview', () => {
  it('folds whitespace and cuts long values', () => {
    expect(preview(text('a\n  b'))).toBe('a b');
    expect(preview(text('x'.repeat(10)), 5)).toBe('xxxx…');
  });

  it('shows binary as its size and first bytes, and nothing for no value', () => {
    expect(preview(binary([0xde, 0xad]))).toBe('binary, 2 B: de ad');
    expect(preview(null)).toBe('');
  });
});

describe('recordKey', () => {
  it('names a record by partition and offset', () => {
    expect(recordKey({ partition: 3, offset: 42 })).toBe('3/42');
  });
});

describe('Schema Registry records', () => {
  const framed = (decoded: BrowsedBytes['decoded']): BrowsedBytes => ({ ...binary([0, 0, 0, 0, 7, 2]), decoded });
  const avro = framed({
    value: { id: 1, total: 9.5 },
    schema: { id: 7, schemaType: 'AVRO', subject: 'orders-value', version: 3 },
  });

  it('start decoded, offer the raw views too, and name the schema', () => {
    const record = { key: text('k1'), value: avro, headers: [] };
    expect(defaultView(record)).toBe('decoded');
    expect(viewsFor(record)).toEqual(['decoded', 'text', 'hex', 'base64']);
    expect(viewsFor({ key: text('k'), value: text('v') })).toEqual(['text', 'hex', 'base64']);
    expect(showBytes(avro, 'decoded')).toEqual({ text: '{\n  "id": 1,\n  "total": 9.5\n}', json: true });
    expect(showBytes(avro, 'hex').text).toBe('00 00 00 00 07 02');
    expect(schemaLine(avro)).toBe('orders-value v3 · id 7 · AVRO');
    expect(preview(avro)).toBe('{"id":1,"total":9.5}');
  });

  it('show a plain key as text in the decoded view, and a payload that would not decode as hex with why', () => {
    expect(showBytes(text('k1'), 'decoded')).toEqual({ text: 'k1', json: false });
    const unknown = framed({ error: 'schema id 7 is unknown to the registry' });
    expect(showBytes(unknown, 'decoded').text).toBe('00 00 00 00 07 02');
    expect(schemaLine(unknown)).toBe('not decoded: schema id 7 is unknown to the registry');
    expect(schemaLine(text('plain'))).toBeUndefined();
  });
});
