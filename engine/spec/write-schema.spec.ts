import { describe, expect, it } from 'vitest';
import { parseJobSpec } from './index';

const base = {
  version: 1,
  name: 'orders-avro',
  source: { cluster: { bootstrapServers: ['broker:9092'] }, topics: ['orders'], groupId: 'g', valueFormat: 'json' },
};

function problemsOf(sink: Record<string, unknown>): string[] {
  const parsed = parseJobSpec({ ...base, sink: { type: 'kafka', topic: 'orders-avro', ...sink } });
  return parsed.ok ? [] : parsed.problems.map((p) => `${p.path}: ${p.message}`);
}

describe('sink keySchema and valueSchema', () => {
  it('default to the latest version under the topic-name strategy', () => {
    const parsed = parseJobSpec({
      ...base,
      sink: { type: 'kafka', topic: 't', valueSchema: { format: 'avro', file: 'order.avsc' } },
    });
    expect(parsed.ok && parsed.value.sink).toMatchObject({
      valueSchema: { format: 'avro', file: 'order.avsc', subjectStrategy: 'topic-name' },
    });
    expect(
      problemsOf({ valueSchema: { format: 'protobuf', subject: 'lines', version: 3, message: 'shop.Line' } }),
    ).toEqual([]);
    expect(problemsOf({ keySchema: { format: 'json-schema' } })).toEqual([]);
  });

  it('refuse a subject and a file together, and a version with a file', () => {
    expect(problemsOf({ valueSchema: { format: 'avro', subject: 's', file: 'a.avsc' } })).toEqual([
      'sink.valueSchema.file: give either subject (a registered schema) or file (a schema to register), not both; ' +
        'the file is registered under the subject its subjectStrategy names',
    ]);
    expect(problemsOf({ valueSchema: { format: 'avro', file: 'a.avsc', version: 2 } })).toEqual([
      'sink.valueSchema.version: names a registered version, but a file is registered as it is; leave version out or use subject',
    ]);
  });

  it('say that a record strategy needs a file to know the record name', () => {
    expect(problemsOf({ keySchema: { format: 'avro', subjectStrategy: 'record-name' } })).toEqual([
      'sink.keySchema.subjectStrategy: "record-name" takes the subject from the record\'s name, which only a schema file gives; add file, or name the subject',
    ]);
  });

  it('refuse a message for a format other than protobuf, and a file whose extension is another format', () => {
    expect(problemsOf({ valueSchema: { format: 'avro', subject: 's', message: 'x.Y' } })).toEqual([
      'sink.valueSchema.message: picks a Protobuf message, but format is "avro"; leave it out',
    ]);
    expect(problemsOf({ valueSchema: { format: 'avro', file: 'schemas/order.proto' } })).toEqual([
      'sink.valueSchema.format: is "avro", but file schemas/order.proto is protobuf by its extension',
    ]);
    expect(problemsOf({ valueSchema: { format: 'protobuf', file: 'order.json' } })).toEqual([
      'sink.valueSchema.format: is "protobuf", but file order.json is avro or json-schema by its extension',
    ]);
  });

  it('refuse a bad version, an unknown format and a keySchema when no key is written', () => {
    expect(problemsOf({ valueSchema: { format: 'avro', version: 0 } })).toEqual([
      'sink.valueSchema.version: expected a version number >= 1',
    ]);
    expect(problemsOf({ valueSchema: { format: 'thrift' } })[0]).toMatch(/^sink\.valueSchema\.format: /);
    expect(problemsOf({ key: 'none', keySchema: { format: 'avro' } })).toEqual([
      'sink.keySchema: sink.key is "none", so no key is written and keySchema would never be used',
    ]);
  });
});
