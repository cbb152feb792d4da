import { describe, expect, it } from 'vitest';
import { parseWith } from '../spec/validation.js';
import { bytesFromText, payloadProblem } from './payload-format.js';
import { toMessage } from './produce-record.js';
import { produceRequestSchema } from './produce-request.js';

describe('payload formats', () => {
  it('reads text, JSON, base64 and hex into the bytes they stand for', () => {
    expect(bytesFromText('héllo', 'string')).toEqual(Buffer.from('héllo'));
    expect(bytesFromText('{"a": 1}', 'json')).toEqual(Buffer.from('{"a": 1}'));
    expect(bytesFromText('3q2+7w==', 'base64')).toEqual(Buffer.from([0xde, 0xad, 0xbe, 0xef]));
    expect(bytesFromText('de ad BE ef', 'hex')).toEqual(Buffer.from([0xde, 0xad, 0xbe, 0xef]));
  });

  it('names what is wrong: JSON by line and column, base64 and hex by what they allow', () => {
    expect(payloadProblem('{\n  "a": 1,\n}', 'json')).toBe(
      'is not valid JSON: line 3, column 1: trailing comma before "}"',
    );
    expect(payloadProblem('3q2+7w=', 'base64')).toMatch(/^is not valid base64/);
    expect(payloadProblem('abc', 'hex')).toBe('is not hex: an odd number of digits (two per byte)');
    expect(payloadProblem('zz', 'hex')).toBe('is not hex: expected only 0–9 and a–f (spaces allowed)');
    expect(payloadProblem('anything', 'string')).toBeUndefined();
  });
});

describe('produceRequestSchema', () => {
  it('refuses a value that is not the JSON it claims, at the value text, with its position', () => {
    const parsed = parseWith(produceRequestSchema, {
      topic: 'orders',
      value: { text: '{"id": 1 "x": 2}', format: 'json' },
      headers: [{ name: '', value: { text: 'v' } }],
    });
    expect(parsed).toEqual({
      ok: false,
      problems: [
        {
          path: 'value.text',
          message: 'is not valid JSON: line 1, column 10: expected "," or "}" after a property value, found "\\""',
        },
        { path: 'headers[0].name', message: 'a header needs a name' },
      ],
    });
  });
});

describe('toMessage', () => {
  it('decodes each payload per its format, keeps repeated headers, and defaults the timestamp to now', () => {
    const request = produceRequestSchema.parse({
      topic: 'orders',
      key: { text: '00ff', format: 'hex' },
      value: { text: '{"a":1}', format: 'json' },
      headers: [
        { name: 'h', value: { text: 'one' } },
        { name: 'h', value: { text: 'AQI=', format: 'base64' } },
        { name: 'empty', value: null },
      ],
    });
    expect(toMessage(request, () => 1234)).toEqual({
      key: Buffer.from([0x00, 0xff]),
      value: Buffer.from('{"a":1}'),
      headers: { h: [Buffer.from('one'), Buffer.from([1, 2])], empty: null },
      timestamp: '1234',
    });
  });

  it('writes a tombstone without a key to an explicit partition at a chosen time', () => {
    const request = produceRequestSchema.parse({ topic: 't', partition: 2, value: null, timestamp: 1_700_000_000_000 });
    expect(toMessage(request)).toEqual({
      key: null,
      value: null,
      headers: {},
      partition: 2,
      timestamp: '1700000000000',
    });
  });
});
