import { describe, expect, it } from 'vitest';
import { filterSubjects, schemaText } from './schema-text.js';

describe('schema text', () => {
  it('indents Avro and JSON Schema, keeps .proto text and anything that is not JSON', () => {
    expect(schemaText('AVRO', '{"type":"record","name":"A","fields":[]}')).toBe(
      '{\n  "type": "record",\n  "name": "A",\n  "fields": []\n}',
    );
    expect(schemaText('JSON', '{"type":"object"}')).toBe('{\n  "type": "object"\n}');
    expect(schemaText('AVRO', '"string"')).toBe('"string"');
    expect(schemaText('AVRO', 'not json {')).toBe('not json {');
    const proto = 'syntax = "proto3";\nmessage A {\n  string x = 1;\n}\n\n';
    expect(schemaText('PROTOBUF', proto)).toBe('syntax = "proto3";\nmessage A {\n  string x = 1;\n}');
  });

  it('filters subjects by a case-insensitive part of the name', () => {
    const subjects = ['orders-value', 'Orders-key', 'payments-value'];
    expect(filterSubjects(subjects, ' ORDERS ')).toEqual(['orders-value', 'Orders-key']);
    expect(filterSubjects(subjects, '')).toEqual(subjects);
  });
});
