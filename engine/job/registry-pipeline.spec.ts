import { describe, expect, it } from 'vitest';
import { RecordError } from '../errors/index.js';
import { RegistryDecoder } from '../registry/registry-decoder.js';
import { RegistryError, type RegisteredSchema, type SchemaSource } from '../registry/schema-source.js';
import { buildFramed } from '../registry/wire-format.js';
import type { SourceRecord } from '../source/source-record.js';
import { RecordTransform } from '../transform/record-transform.js';
import { RecordPipeline } from './record-pipeline.js';
import { registryDecoderFor } from './registry-decoding.js';
import { parseJobSpec } from '../spec/index.js';

// The pipeline with a registry format: a unit double of the registry holding one JSON Schema.

const schema: RegisteredSchema = {
  id: 3,
  schemaType: 'JSON',
  schema: JSON.stringify({ type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] }),
  references: [],
};

function countingSource(): SchemaSource & { asked: number[] } {
  const asked: number[] = [];
  return {
    asked,
    schemaById: (id) => {
      asked.push(id);
      return id === 3 ? Promise.resolve(schema) : Promise.reject(new RegistryError(`schema ${id} not found`, 404));
    },
    schemaByVersion: () => Promise.reject(new Error('no references here')),
    register: () => Promise.reject(new Error('not used')),
  };
}

const record = (offset: number, value: Buffer): SourceRecord => ({
  topic: 't',
  partition: 0,
  offset,
  timestamp: 5,
  key: null,
  value,
  headers: {},
  bytes: value.length,
});
const framed = (id: number, value: unknown): Buffer => buildFramed(id, Buffer.from(JSON.stringify(value)));

describe('RecordPipeline with a Schema Registry format', () => {
  it('filters on decoded fields, keeps source bytes, and asks the registry once per id', async () => {
    const source = countingSource();
    const pipeline = new RecordPipeline({
      keyFormat: 'string',
      valueFormat: 'json-schema',
      transform: RecordTransform.compile({ filter: 'value.n > 1' }),
      sinkNeedsDecoded: false,
      registry: new RegistryDecoder(source),
    });
    const records = [1, 2, 3].map((n) => record(n, framed(3, { n })));
    const out = await pipeline.process(records);
    expect(out.map((r) => r.source.offset)).toEqual([2, 3]);
    expect(out[0]!.decoded?.value).toEqual({ n: 2 });
    expect(out[0]!.decoded?.schemas).toEqual({ value: { id: 3, schemaType: 'JSON' } });
    expect(out[0]!.mapped).toBeUndefined();
    expect(source.asked).toEqual([3]);
  });

  it('hands an unknown id and a record that does not match to onRecordError, naming the offset', async () => {
    const errors: RecordError[] = [];
    const pipeline = new RecordPipeline({
      keyFormat: 'string',
      valueFormat: 'json-schema',
      transform: undefined,
      sinkNeedsDecoded: false,
      registry: new RegistryDecoder(countingSource()),
      onRecordError: async (_record, error) => void errors.push(error),
    });
    const out = await pipeline.process([
      record(0, framed(3, { n: 1 })),
      record(1, framed(8, { n: 1 })),
      record(2, framed(3, { n: 'one' })),
      record(3, Buffer.from('{"n":1}')),
    ]);
    expect(out).toHaveLength(1);
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^the value of the record at t\[0\] offset 1 is not json-schema: schema id 8 is unknown/),
      expect.stringMatching(
        /offset 2 is not json-schema: the bytes do not match json-schema schema id 3: .*\/n must be integer/,
      ),
      expect.stringMatching(/offset 3 is not json-schema: not Schema Registry framing: first byte 0x7b/),
    ]);
  });

  it('a registry format on a cluster without a registry fails at start, naming the field', () => {
    const spec = parseJobSpec({
      version: 1,
      name: 'j',
      source: { cluster: { profile: 'prod' }, topics: ['t'], groupId: 'g', keyFormat: 'avro' },
      sink: { type: 'none' },
    });
    if (!spec.ok) throw new Error('invalid test spec');
    expect(() => registryDecoderFor(spec.value.source, () => undefined)).toThrow(
      'source.keyFormat is "avro", which needs a Schema Registry, but the source cluster (profile "prod") has none',
    );
    expect(registryDecoderFor({ ...spec.value.source, keyFormat: 'string' }, () => undefined)).toBeUndefined();
  });
});
