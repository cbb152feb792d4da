import { describe, expect, it } from 'vitest';
import { avroColumns } from './avro-columns.js';

const columnsOf = (fields: unknown[]) =>
  avroColumns(
    JSON.stringify({ type: 'record', name: 'T', namespace: 'shop', fields }),
    'source.valueFormat',
    's-value',
  );

const sqlOf = (fields: unknown[]) => {
  const result = columnsOf(fields);
  expect(result.problems).toEqual([]);
  return Object.fromEntries(result.columns.map((c) => [c.name, c.sql]));
};

describe('avroColumns: Avro types as Flink SQL types', () => {
  it('maps primitives NOT NULL and ["null", T] to a nullable T', () => {
    expect(
      sqlOf([
        { name: 's', type: 'string' },
        { name: 'i', type: 'int' },
        { name: 'l', type: 'long' },
        { name: 'f', type: 'float' },
        { name: 'd', type: 'double' },
        { name: 'b', type: 'boolean' },
        { name: 'y', type: 'bytes' },
        { name: 'ns', type: ['null', 'string'], default: null },
        { name: 'sn', type: ['string', 'null'] },
      ]),
    ).toEqual({
      s: 'STRING NOT NULL',
      i: 'INT NOT NULL',
      l: 'BIGINT NOT NULL',
      f: 'FLOAT NOT NULL',
      d: 'DOUBLE NOT NULL',
      b: 'BOOLEAN NOT NULL',
      y: 'BYTES NOT NULL',
      ns: 'STRING',
      sn: 'STRING',
    });
  });

  it('maps enums, fixed, records, arrays, maps and named types used again', () => {
    const columns = sqlOf([
      { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID'] } },
      { name: 'hash', type: { type: 'fixed', name: 'Hash', size: 16 } },
      {
        name: 'ship',
        type: {
          type: 'record',
          name: 'Address',
          fields: [
            { name: 'city', type: 'string' },
            { name: 'zip', type: ['null', 'int'] },
          ],
        },
      },
      { name: 'bill', type: ['null', 'shop.Address'] },
      { name: 'tags', type: { type: 'array', items: 'string' } },
      { name: 'attrs', type: { type: 'map', values: ['null', 'long'] } },
      { name: 'previous', type: ['null', 'Status'] },
    ]);
    expect(columns).toEqual({
      status: 'STRING NOT NULL',
      hash: 'VARBINARY(16) NOT NULL',
      ship: 'ROW<`city` STRING NOT NULL, `zip` INT> NOT NULL',
      bill: 'ROW<`city` STRING NOT NULL, `zip` INT>',
      tags: 'ARRAY<STRING NOT NULL> NOT NULL',
      attrs: 'MAP<STRING NOT NULL, BIGINT> NOT NULL',
      previous: 'STRING',
    });
  });

  it('lists the paths of enum fields, named again or nested', () => {
    const result = columnsOf([
      { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW'] } },
      { name: 'ship', type: { type: 'record', name: 'A', fields: [{ name: 'was', type: ['null', 'Status'] }] } },
      { name: 'history', type: { type: 'array', items: 'shop.Status' } },
      { name: 'plain', type: 'string' },
    ]);
    expect(result.enums).toEqual(['status', 'ship.was', 'history[]']);
  });

  it("maps logical types as Flink's Avro format does", () => {
    expect(
      sqlOf([
        { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
        { name: 'atMicros', type: { type: 'long', logicalType: 'timestamp-micros' } },
        { name: 'day', type: { type: 'int', logicalType: 'date' } },
        { name: 'time', type: { type: 'int', logicalType: 'time-millis' } },
        { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
        { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
      ]),
    ).toEqual({
      at: 'TIMESTAMP(3) NOT NULL',
      atMicros: 'TIMESTAMP(6) NOT NULL',
      day: 'DATE NOT NULL',
      time: 'TIME(3) NOT NULL',
      price: 'DECIMAL(10, 2) NOT NULL',
      id: 'STRING NOT NULL',
    });
  });

  it('tells a column kind for the SQL translation, nested fields included', () => {
    const { columns } = columnsOf([
      { name: 'total', type: 'double' },
      { name: 'ship', type: { type: 'record', name: 'A', fields: [{ name: 'city', type: 'string' }] } },
      { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    ]);
    expect(columns.map((c) => [c.name, c.kind])).toEqual([
      ['total', 'number'],
      ['ship', 'row'],
      ['at', 'other'],
    ]);
    expect(columns[1]?.fields?.map((f) => [f.name, f.kind])).toEqual([['city', 'string']]);
  });

  it('lists unions other than ["null", T] and undefined names as problems naming the field', () => {
    const result = columnsOf([
      { name: 'ok', type: 'string' },
      { name: 'either', type: ['string', 'long'] },
      {
        name: 'ship',
        type: { type: 'record', name: 'A', fields: [{ name: 'n', type: ['null', 'int', 'string'] }] },
      },
      { name: 'ref', type: 'other.Customer' },
    ]);
    expect(result.problems).toEqual([
      {
        path: 'source.valueFormat',
        text: '["string","long"]',
        message:
          'value.either (s-value): the union ["string","long"] has no Flink SQL type (only ["null", T] maps, to a nullable T)',
      },
      expect.objectContaining({ message: expect.stringMatching(/^value\.ship\.n \(s-value\): the union/) }),
      expect.objectContaining({
        message:
          'value.ref (s-value): the type "other.Customer" is not defined in the schema (references are not read)',
      }),
    ]);
  });

  it('refuses a schema that is not a record, or not JSON', () => {
    expect(avroColumns('"string"', 'source.valueFormat', 's-value').problems[0]?.message).toBe(
      "the schema of s-value: the schema is not an Avro record; Flink's avro-confluent reads records as rows",
    );
    expect(avroColumns('{oops', 'source.valueFormat', 's-value').problems[0]?.message).toMatch(
      /^the schema of s-value: the schema is not JSON: /,
    );
  });
});
