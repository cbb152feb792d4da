import { describe, expect, it } from 'vitest';
import { ConfigError, ConnectionError, type SluiceError } from '../errors/index.js';
import type { WriteSchemaSpec } from '../spec/index.js';
import { MemoryRegistry } from './memory-registry.js';
import { EncodeError } from './payload-codec.js';
import { RegistryEncoder } from './registry-encoder.js';
import { compileAvro } from './avro-codec.js';
import { compileProtobuf } from './protobuf-codec.js';
import { parseFramed } from './wire-format.js';

// The sink's encoder against an in-memory registry (the integration test uses Apicurio and decodes
// what Sluice wrote with Python's confluent-kafka).

const ORDER_AVSC = JSON.stringify({
  type: 'record',
  name: 'Order',
  namespace: 'shop',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'tag', type: 'bytes' },
    { name: 'ship_to', type: { type: 'record', name: 'Address', fields: [{ name: 'city', type: 'string' }] } },
    { name: 'items', type: { type: 'array', items: 'string' } },
    { name: 'note', type: ['null', 'string'], default: null },
  ],
});
const ORDER_PROTO = `syntax = "proto3";
package shop;
message Order {
  string id = 1;
  message Note { string text = 1; }
  message Line { string sku = 1; uint32 qty = 2; Kind kind = 3; int64 cents = 4; repeated string tags = 5; }
}
enum Kind { GOODS = 0; SERVICE = 1; }
message Refund { string order_id = 1; }`;
const ORDER_JSON = JSON.stringify({
  title: 'Order',
  type: 'object',
  properties: { id: { type: 'integer' }, items: { type: 'array', items: { type: 'string' } } },
  required: ['id'],
});

const files: Record<string, string> = {
  'order.avsc': ORDER_AVSC,
  'order.proto': ORDER_PROTO,
  'order.json': ORDER_JSON,
};
const readText = async (path: string) => {
  const text = files[path];
  if (text === undefined) throw new Error(`ENOENT: no such file, open '${path}'`);
  return text;
};

function encoderFor(
  spec: Partial<WriteSchemaSpec> & Pick<WriteSchemaSpec, 'format'>,
  registry = new MemoryRegistry(100),
  field: 'key' | 'value' = 'value',
) {
  const encoder = new RegistryEncoder(
    { spec: { subjectStrategy: 'topic-name', ...spec }, topic: 'orders', field },
    registry,
    readText,
  );
  return { encoder, registry };
}

async function resolved(spec: Parameters<typeof encoderFor>[0], registry?: MemoryRegistry) {
  const made = encoderFor(spec, registry);
  await made.encoder.prepare();
  return made;
}

async function failureOf(waiting: Promise<void> | undefined): Promise<SluiceError> {
  try {
    await waiting;
  } catch (error) {
    return error as SluiceError;
  }
  throw new Error('expected the schema resolution to fail');
}

const errorOf = (run: () => unknown): Error => {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
};

describe('RegistryEncoder with a schema file', () => {
  it('registers the file under each strategy subject and frames records with its id', async () => {
    const byTopic = await resolved({ format: 'avro', file: 'order.avsc' });
    expect(byTopic.encoder.schema).toEqual({ id: 100, subject: 'orders-value' });
    const byRecord = await resolved({ format: 'avro', file: 'order.avsc', subjectStrategy: 'record-name' });
    expect(byRecord.encoder.schema.subject).toBe('shop.Order');
    const both = await resolved({ format: 'avro', file: 'order.avsc', subjectStrategy: 'topic-record-name' });
    expect(both.encoder.schema.subject).toBe('orders-shop.Order');
    const key = encoderFor({ format: 'json-schema', file: 'order.json' }, undefined, 'key');
    await key.encoder.prepare();
    expect(key.registry.registrations).toEqual(['orders-key']);

    const bytes = byTopic.encoder.encode({ id: 7, tag: 'AQI=', ship_to: { city: 'Oslo' }, items: ['a'] });
    expect(parseFramed(bytes, { messageIndexes: false }).schemaId).toBe(100);
    const decoder = await compileAvro(byTopic.registry.byId.get(100)!, []);
    expect(decoder.decode(bytes)).toEqual({ id: 7, tag: 'AQI=', ship_to: { city: 'Oslo' }, items: ['a'], note: null });
  });

  it('resolves once: the first record waits, later ones do not', async () => {
    const { encoder, registry } = encoderFor({ format: 'avro', file: 'order.avsc' });
    const first = encoder.prepare();
    expect(first).toBeInstanceOf(Promise);
    expect(encoder.prepare()).toBe(first);
    await first;
    expect(encoder.prepare()).toBeUndefined();
    expect(registry.registrations).toEqual(['orders-value']);
  });

  it('names the subject and the registry message when the registry refuses the file (409)', async () => {
    const registry = new MemoryRegistry(1);
    registry.refuse = 'orders-shop.Order';
    const { encoder } = encoderFor(
      { format: 'avro', file: 'order.avsc', subjectStrategy: 'topic-record-name' },
      registry,
    );
    const error = await failureOf(encoder.prepare());
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      'sink.valueSchema.file: registering order.avsc under subject "orders-shop.Order": the registry refused it ' +
        '(Schema being registered is incompatible)',
    );
    expect(error.retriable).toBe(false);
  });

  it('fails for a registry that cannot be reached so the run is retried, and asks again next time', async () => {
    const registry = new MemoryRegistry(1);
    let down = true;
    const register = registry.register.bind(registry);
    registry.register = (subject, schema) =>
      down ? Promise.reject(new Error('connect ECONNREFUSED')) : register(subject, schema);
    const { encoder } = encoderFor({ format: 'avro', file: 'order.avsc' }, registry);
    const error = await failureOf(encoder.prepare());
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.retriable).toBe(true);
    down = false;
    await encoder.prepare();
    expect(encoder.schema.id).toBe(1);
  });

  it('names the file that cannot be read, does not compile, or has no record name for the strategy', async () => {
    const missing = encoderFor({ format: 'avro', file: 'nope.avsc' });
    await expect(missing.encoder.prepare()).rejects.toThrow(
      "sink.valueSchema.file: cannot read schema file nope.avsc: ENOENT: no such file, open 'nope.avsc'",
    );
    files['broken.avsc'] = '{"type":"record","name":"X","fields":[{"name":"a","type":"nope"}]}';
    const broken = encoderFor({ format: 'avro', file: 'broken.avsc' });
    await expect(broken.encoder.prepare()).rejects.toThrow(
      /^sink\.valueSchema\.file: broken\.avsc is not a valid avro schema: /,
    );
    expect(broken.registry.registrations).toEqual([]);
    const untitled = { type: 'object' };
    files['untitled.json'] = JSON.stringify(untitled);
    const noName = encoderFor({ format: 'json-schema', file: 'untitled.json', subjectStrategy: 'record-name' });
    await expect(noName.encoder.prepare()).rejects.toThrow(
      'sink.valueSchema.subjectStrategy is "record-name", which names the subject after the record, but untitled.json ' +
        'has no record name (a "title"); give subject, or use "topic-name"',
    );
  });
});

describe('RegistryEncoder with a registered subject', () => {
  async function registryWithProto(): Promise<MemoryRegistry> {
    const registry = new MemoryRegistry(40);
    await registry.register('lines', {
      schemaType: 'PROTOBUF',
      schema: 'syntax = "proto3"; message Old { string a = 1; }',
      references: [],
    });
    await registry.register('lines', { schemaType: 'PROTOBUF', schema: ORDER_PROTO, references: [] });
    return registry;
  }

  it('fetches the latest version and writes a nested message with its indexes ([0, 1])', async () => {
    const registry = await registryWithProto();
    const { encoder } = await resolved({ format: 'protobuf', subject: 'lines', message: 'shop.Order.Line' }, registry);
    expect(encoder.schema).toEqual({ id: 41, subject: 'lines', version: 2 });
    const bytes = encoder.encode({ sku: 'a', qty: 2, kind: 'SERVICE', cents: '10000000001', tags: ['x'] });
    expect(parseFramed(bytes, { messageIndexes: true })).toMatchObject({ schemaId: 41, messageIndexes: [0, 1] });
    expect((await compileProtobuf(registry.byId.get(41)!, [])).decode(bytes)).toEqual({
      sku: 'a',
      qty: 2,
      kind: 'SERVICE',
      cents: '10000000001',
      tags: ['x'],
    });
    const refund = await resolved({ format: 'protobuf', subject: 'lines', message: 'shop.Refund' }, registry);
    expect(parseFramed(refund.encoder.encode({ order_id: 'o' }), { messageIndexes: true }).messageIndexes).toEqual([1]);
  });

  it('fetches a given version, and the topic-name subject when none is given', async () => {
    const registry = await registryWithProto();
    const old = await resolved({ format: 'protobuf', subject: 'lines', version: 1 }, registry);
    expect(old.encoder.schema).toEqual({ id: 40, subject: 'lines', version: 1 });
    const missing = encoderFor({ format: 'avro' }, registry);
    const error = await failureOf(missing.encoder.prepare());
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(
      /^sink\.valueSchema: reading subject "orders-value" version latest from the sink cluster's registry: the registry refused it \(subject orders-value version latest not found\)/,
    );
  });

  it('names the format mismatch with the registered schema type, and a message the file lacks', async () => {
    const registry = await registryWithProto();
    await expect(encoderFor({ format: 'avro', subject: 'lines' }, registry).encoder.prepare()).rejects.toThrow(
      'sink.valueSchema.format is "avro", but subject "lines" version 2 holds a PROTOBUF schema (id 41), not AVRO',
    );
    await expect(
      encoderFor({ format: 'protobuf', subject: 'lines', message: 'shop.Nope' }, registry).encoder.prepare(),
    ).rejects.toThrow(
      'sink.valueSchema: subject "lines" version 2 (id 41) does not compile: message "shop.Nope" is not in the Protobuf file',
    );
  });
});

describe('encoding errors name the field path', () => {
  it('avro: a wrong type, a missing field, a field the schema lacks', async () => {
    const { encoder } = await resolved({ format: 'avro', file: 'order.avsc' });
    const ok = { id: 1, tag: '', ship_to: { city: 'x' }, items: [] };
    const cases: [unknown, string][] = [
      [{ ...ok, ship_to: { city: 5 } }, 'field ship_to.city: number 5 is not a valid string'],
      [{ ...ok, items: ['a', null] }, 'field items[1]: null is not a valid string'],
      [{ ...ok, id: undefined }, 'field id: missing (and the schema gives no default)'],
      [{ ...ok, colour: 'red' }, 'the record: "colour" is not a field of record shop.Order'],
    ];
    for (const [value, message] of cases) {
      const error = errorOf(() => encoder.encode(value));
      expect(error).toBeInstanceOf(EncodeError);
      expect(error.message).toBe(message);
    }
  });

  it('protobuf: wrong scalar, unknown enum, unknown field, repeated item', async () => {
    const { encoder } = await resolved({ format: 'protobuf', file: 'order.proto', message: 'shop.Order.Line' });
    const cases: [unknown, unknown][] = [
      [{ qty: -1 }, 'field qty: number -1 is not a uint32 (an integer from 0 to 4294967295)'],
      [{ kind: 'RENT' }, 'field kind: string "RENT" is not a value of enum shop.Kind (GOODS, SERVICE)'],
      [{ size: 1 }, 'field size: is not a field of message shop.Order.Line'],
      [{ tags: ['a', 2] }, 'field tags[1]: number 2 is not a string'],
      [
        { cents: 'ten' },
        'field cents: string "ten" is not an int64 (an integer from -9223372036854775808 to 9223372036854775807, or its decimal text)',
      ],
      [
        { cents: '9223372036854775808' },
        expect.stringContaining('field cents: string "9223372036854775808" is not an int64'),
      ],
      ['text', 'the record: string "text" is not an object for message shop.Order.Line'],
    ];
    for (const [value, message] of cases) expect(errorOf(() => encoder.encode(value)).message).toEqual(message);
  });

  it('json-schema: ajv instancePath as a field path', async () => {
    const { encoder } = await resolved({ format: 'json-schema', file: 'order.json' });
    expect(errorOf(() => encoder.encode({ id: 1, items: ['a', 3] })).message).toBe('field items[1]: must be string');
    expect(errorOf(() => encoder.encode({})).message).toBe("the record: must have required property 'id'");
    const bytes = encoder.encode({ id: 1 });
    expect(bytes.subarray(5).toString()).toBe('{"id":1}');
  });
});

describe('Avro longs', () => {
  it('take decimal text within 64 bits and refuse text beyond, naming the field', async () => {
    files['big.avsc'] = '{"type":"record","name":"Big","fields":[{"name":"n","type":"long"}]}';
    const { encoder, registry } = await resolved({ format: 'avro', file: 'big.avsc' });
    const bytes = encoder.encode({ n: '9223372036854775807' });
    expect((await compileAvro(registry.byId.get(100)!, [])).decode(bytes)).toEqual({ n: '9223372036854775807' });
    expect(errorOf(() => encoder.encode({ n: '9223372036854775808' })).message).toBe(
      'field n: string "9223372036854775808" is not a valid long',
    );
  });
});

describe('a Protobuf schema file importing a well-known type', () => {
  it('compiles and encodes the imported message field', async () => {
    files['event.proto'] =
      'syntax = "proto3"; package ev; import "google/protobuf/timestamp.proto";\n' +
      'message Event { string name = 1; google.protobuf.Timestamp at = 2; }';
    const { encoder, registry } = await resolved({ format: 'protobuf', file: 'event.proto' });
    const bytes = encoder.encode({ name: 'x', at: { seconds: 5, nanos: 1 } });
    expect((await compileProtobuf(registry.byId.get(100)!, [])).decode(bytes)).toEqual({
      name: 'x',
      at: { seconds: '5', nanos: 1 },
    });
  });
});
