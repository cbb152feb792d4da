import { describe, expect, it } from 'vitest';
import { compileAvro } from '../../engine/registry/avro-codec.js';
import { parseFramed } from '../../engine/registry/wire-format.js';
import { avroValue, jsonValue, order, ORDER_SCHEMA } from './registry-input.js';

describe('the registry section input', () => {
  it('writes the same record as JSON text and in the wire format with the schema id', async () => {
    const schema = { id: 7, schemaType: 'AVRO' as const, schema: JSON.stringify(ORDER_SCHEMA), references: [] };
    const codec = await compileAvro(schema, []);
    for (const i of [0, 1, 12_345, 299_999]) {
      const framed = avroValue(7)(i);
      expect(parseFramed(framed, { messageIndexes: false }).schemaId).toBe(7);
      expect(codec.decode(framed)).toEqual(JSON.parse(jsonValue(i).toString()));
    }
  });

  it('keeps every amount >= 0, so the jobs filter nothing out', () => {
    for (let i = 0; i < 300_000; i += 997) expect(order(i).amount).toBeGreaterThanOrEqual(0);
  });
});
