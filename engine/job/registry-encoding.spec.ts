import { describe, expect, it } from 'vitest';
import { ConfigError, RecordError } from '../errors/index.js';
import { MemoryRegistry } from '../registry/memory-registry.js';
import { RegistryDecoder } from '../registry/registry-decoder.js';
import { buildFramed, parseFramed } from '../registry/wire-format.js';
import { toKafkaMessage } from '../sink/kafka-message.js';
import type { SourceRecord } from '../source/source-record.js';
import { parseJobSpec, type JobSpec, type JobSpecInput } from '../spec/index.js';
import { RecordTransform } from '../transform/record-transform.js';
import { RecordPipeline } from './record-pipeline.js';
import { registryDecoderFor } from './registry-decoding.js';
import { sinkEncodingFor } from './registry-encoding.js';

// The pipeline with a sink schema: an in-memory registry and schema file (unit doubles; the
// integration test runs jobs against Apicurio and the bench broker).

const AVSC = JSON.stringify({
  type: 'record',
  name: 'Reading',
  namespace: 'iot',
  fields: [
    { name: 'sensor', type: 'string' },
    { name: 'celsius', type: 'double' },
  ],
});
const readText = async () => AVSC;

function spec(sink: Record<string, unknown>, source: Record<string, unknown> = {}, map?: string): JobSpec {
  const input: JobSpecInput = {
    version: 1,
    name: 'encode',
    source: { cluster: { bootstrapServers: ['b:9092'] }, topics: ['in'], groupId: 'g', valueFormat: 'json', ...source },
    ...(map ? { transform: { map } } : {}),
    sink: { type: 'kafka', topic: 'out', ...sink } as JobSpecInput['sink'],
  };
  const parsed = parseJobSpec(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
}

const record = (offset: number, value: Buffer | string | null): SourceRecord => ({
  topic: 'in',
  partition: 2,
  offset,
  timestamp: 5,
  key: Buffer.from('k'),
  value: typeof value === 'string' ? Buffer.from(value) : value,
  headers: {},
  bytes: 1,
});

function pipelineFor(job: JobSpec, registry: MemoryRegistry, errors: RecordError[] = []) {
  return new RecordPipeline({
    keyFormat: job.source.keyFormat,
    valueFormat: job.source.valueFormat,
    transform: RecordTransform.compile(job.transform),
    sinkNeedsDecoded: false,
    registry: registryDecoderFor(job.source, () => registry),
    encoding: sinkEncodingFor(job, () => registry, readText),
    onRecordError: async (_record, error) => void errors.push(error),
  });
}

const messageOf = (job: JobSpec, out: Parameters<typeof toKafkaMessage>[0]) =>
  toKafkaMessage(out, {
    sink: job.sink as Extract<JobSpec['sink'], { type: 'kafka' }>,
    keyFormat: job.source.keyFormat,
    valueFormat: job.source.valueFormat,
  });

describe('a Kafka sink with valueSchema', () => {
  it('encodes a json source without a map, and a mapped value; a record that does not fit is a record error', async () => {
    const registry = new MemoryRegistry(9);
    const job = spec({ valueSchema: { format: 'avro', file: 'reading.avsc' } }, { onDecodeError: 'skip' });
    const errors: RecordError[] = [];
    const out = await pipelineFor(job, registry, errors).process([
      record(0, '{"sensor":"a","celsius":21.5}'),
      record(1, '{"sensor":"b","celsius":"warm"}'),
      record(2, null),
    ]);
    expect(out.map((r) => r.source.offset)).toEqual([0, 2]);
    const first = messageOf(job, out[0]!);
    expect(parseFramed(first.value as Buffer, { messageIndexes: false }).schemaId).toBe(9);
    expect(first.key).toEqual(Buffer.from('k'));
    expect(messageOf(job, out[1]!).value).toBeNull();
    expect(errors.map((e) => [e.message, e.stage, e.position])).toEqual([
      [
        'the value written for the record at in[2] offset 1 does not fit sink.valueSchema (subject "out-value", id 9): ' +
          'field celsius: string "warm" is not a valid double',
        'sink.valueSchema',
        { topic: 'in', partition: 2, offset: 1 },
      ],
    ]);
    expect(registry.registrations).toEqual(['out-value']);
  });

  it('fails the job on a record that does not fit when onDecodeError is "fail"', async () => {
    const job = spec({ valueSchema: { format: 'avro', file: 'reading.avsc' } }, {}, '{"value": {"sensor": value.id}}');
    const pipeline = new RecordPipeline({
      keyFormat: 'string',
      valueFormat: 'json',
      transform: RecordTransform.compile(job.transform),
      sinkNeedsDecoded: false,
      encoding: sinkEncodingFor(job, () => new MemoryRegistry(1), readText),
    });
    await expect(pipeline.process([record(4, '{"id":"x"}')])).rejects.toThrow(
      'the value written for the record at in[2] offset 4 does not fit sink.valueSchema (subject "out-value", id 1): ' +
        'field celsius: missing (and the schema gives no default)',
    );
  });

  it('passes an unmapped registry value through byte for byte, and encodes a mapped one', async () => {
    const registry = new MemoryRegistry(1);
    const sourceId = await registry.register('in-value', { schemaType: 'AVRO', schema: AVSC, references: [] });
    const original = buildFramed(sourceId, Buffer.from([2, 0x61, 0, 0, 0, 0, 0, 0, 0x35, 0x40]));
    const job = spec(
      { valueSchema: { format: 'avro', subject: 'in-value' } },
      { valueFormat: 'avro' },
      'value.celsius > 30 ? {"value": {"sensor": value.sensor, "celsius": 30}} : {}',
    );
    const out = await pipelineFor(job, registry).process([record(0, original)]);
    expect(messageOf(job, out[0]!).value).toBe(original);
    const hot = buildFramed(sourceId, Buffer.from([2, 0x62, 0, 0, 0, 0, 0, 0, 0x45, 0x40]));
    const [mapped] = await pipelineFor(job, registry).process([record(1, hot)]);
    const written = messageOf(job, mapped!).value as Buffer;
    const decoder = new RegistryDecoder(registry);
    await decoder.prepare([hot, written]);
    expect(decoder.decode(hot, 'avro').value).toEqual({ sensor: 'b', celsius: 42 });
    expect(decoder.decode(written, 'avro').value).toEqual({ sensor: 'b', celsius: 30 });
  });

  it('keeps a clear error naming the spec field when a map sets a registry value without a schema', async () => {
    const registry = new MemoryRegistry(1);
    const id = await registry.register('in-value', { schemaType: 'AVRO', schema: AVSC, references: [] });
    const job = spec({}, { valueFormat: 'avro' }, '{"value": value}');
    const [out] = await pipelineFor(job, registry).process([
      record(0, buildFramed(id, Buffer.from([2, 0x61, 0, 0, 0, 0, 0, 0, 0x35, 0x40]))),
    ]);
    const error = (() => {
      try {
        messageOf(job, out!);
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.message).toBe(
      'transform.map sets the value of a avro source, which needs a schema to write it: add sink.valueSchema ' +
        '({"format": "avro", "subject": ...} or {"format": "avro", "file": ...}), or leave value out of the map result ' +
        'so the source bytes pass through',
    );
  });

  it('fails at start when the sink cluster has no registry, naming the fields', () => {
    const job = spec({ valueSchema: { format: 'avro', file: 'r.avsc' } });
    expect(() => sinkEncodingFor(job, () => undefined)).toThrow(
      "sink.valueSchema needs a Schema Registry, but the sink's cluster (the source cluster) has none; add the registry to the cluster profile",
    );
  });
});
