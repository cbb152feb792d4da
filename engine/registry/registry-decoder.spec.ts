import avro from 'avsc';
import protobuf from 'protobufjs';
import { FileDescriptorProto } from 'protobufjs/ext/descriptor.js';
import { describe, expect, it } from 'vitest';
import { RegistryDecoder, UndecodablePayload } from './registry-decoder.js';
import { RegistryError, type RegisteredSchema, type SchemaSource } from './schema-source.js';
import { buildFramed } from './wire-format.js';

// Codecs on fixed schemas through an in-memory SchemaSource (a unit double of the registry; the
// integration test decodes what Python's confluent-kafka serializers wrote against Apicurio).

const ADDRESS_AVRO = { type: 'record', name: 'Address', namespace: 'shop', fields: [{ name: 'city', type: 'string' }] };
const ORDER_AVRO = {
  type: 'record',
  name: 'Order',
  namespace: 'shop',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'ship_to', type: 'shop.Address' },
    { name: 'note', type: ['null', 'string'], default: null },
    { name: 'tag', type: 'bytes' },
  ],
};
const COMMON_PROTO = `syntax = "proto3";\npackage shop;\nmessage Money { string currency = 1; int64 cents = 2; }\n`;
const ORDER_PROTO = `syntax = "proto3";
package shop;
import "common.proto";
message Order {
  string id = 1;
  shop.Money total = 2;
  message Line { string sku = 1; uint32 qty = 2; }
  message Event { Kind kind = 1; bytes raw = 2; }
  enum Kind { CREATED = 0; PAID = 1; }
}
message Refund { string order_id = 1; }
`;
const ADDRESS_JSON = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
const ORDER_JSON = {
  type: 'object',
  properties: { id: { type: 'integer' }, ship_to: { $ref: 'address.json' } },
  required: ['id', 'ship_to'],
};

const schemas: RegisteredSchema[] = [
  { id: 1, schemaType: 'AVRO', schema: JSON.stringify(ADDRESS_AVRO), references: [], subject: 'address', version: 1 },
  {
    id: 2,
    schemaType: 'AVRO',
    schema: JSON.stringify(ORDER_AVRO),
    references: [{ name: 'shop.Address', subject: 'address', version: 1 }],
    subject: 'orders-value',
    version: 3,
  },
  { id: 3, schemaType: 'PROTOBUF', schema: COMMON_PROTO, references: [], subject: 'common.proto', version: 1 },
  {
    id: 4,
    schemaType: 'PROTOBUF',
    schema: ORDER_PROTO,
    references: [{ name: 'common.proto', subject: 'common.proto', version: 1 }],
  },
  {
    id: 5,
    schemaType: 'JSON',
    schema: JSON.stringify(ADDRESS_JSON),
    references: [],
    subject: 'address-json',
    version: 1,
  },
  {
    id: 6,
    schemaType: 'JSON',
    schema: JSON.stringify(ORDER_JSON),
    references: [{ name: 'address.json', subject: 'address-json', version: 1 }],
  },
];

class MemorySource implements SchemaSource {
  lookups: number[] = [];
  schemaById(id: number): Promise<RegisteredSchema> {
    this.lookups.push(id);
    const found = schemas.find((s) => s.id === id);
    return found ? Promise.resolve(found) : Promise.reject(new RegistryError(`schema ${id} not found`, 404, 40403));
  }
  schemaByVersion(subject: string, version: number | 'latest'): Promise<RegisteredSchema> {
    const found = schemas.find((s) => s.subject === subject && (version === 'latest' || s.version === version));
    return found ? Promise.resolve(found) : Promise.reject(new RegistryError(`${subject} ${version} not found`, 404));
  }
  register(): Promise<number> {
    return Promise.reject(new Error('not used'));
  }
}

async function decoded(decoder: RegistryDecoder, bytes: Buffer, format: 'avro' | 'protobuf' | 'json-schema') {
  await decoder.prepare([bytes]);
  return decoder.decode(bytes, format);
}

describe('RegistryDecoder', () => {
  it('decodes Avro with a named type from a reference; bytes as base64, unions unwrapped', async () => {
    const registry = {};
    avro.Type.forSchema(ADDRESS_AVRO as avro.Schema, { registry });
    const type = avro.Type.forSchema(ORDER_AVRO as avro.Schema, { registry });
    const record = { id: 42, ship_to: { city: 'Lyon' }, note: 'fragile', tag: Buffer.from([1, 2]) };
    const bytes = buildFramed(2, type.toBuffer(record));
    expect(await decoded(new RegistryDecoder(new MemorySource()), bytes, 'avro')).toEqual({
      value: { id: 42, ship_to: { city: 'Lyon' }, note: 'fragile', tag: 'AQI=' },
      schema: { id: 2, schemaType: 'AVRO', subject: 'orders-value', version: 3 },
    });
  });

  it('reads Avro longs beyond 2^53 exactly, as decimal text', async () => {
    schemas.push({
      id: 41,
      schemaType: 'AVRO',
      schema: JSON.stringify({ type: 'array', items: 'long' }),
      references: [],
    });
    // zigzag varints of 2^62 and -3 in one array block of 2.
    const payload = Buffer.from([0x04, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x05, 0x00]);
    const { value } = await decoded(new RegistryDecoder(new MemorySource()), buildFramed(41, payload), 'avro');
    expect(value).toEqual(['4611686018427387904', -3]);
  });

  it('decodes Protobuf messages picked by the indexes, nested ones too, with an import', async () => {
    const root = new protobuf.Root();
    protobuf.parse(COMMON_PROTO, root, { keepCase: true });
    protobuf.parse(ORDER_PROTO, root, { keepCase: true });
    const encode = (name: string, value: object) => {
      const type = root.lookupType(name);
      return type.encode(type.fromObject(value)).finish();
    };
    const decoder = new RegistryDecoder(new MemorySource());
    const order = buildFramed(4, encode('shop.Order', { id: 'o1', total: { currency: 'EUR', cents: 1250 } }), [0]);
    expect((await decoded(decoder, order, 'protobuf')).value).toEqual({
      id: 'o1',
      total: { currency: 'EUR', cents: '1250' },
    });
    const line = buildFramed(4, encode('shop.Order.Line', { sku: 'A-1', qty: 3 }), [0, 0]);
    expect((await decoded(decoder, line, 'protobuf')).value).toEqual({ sku: 'A-1', qty: 3 });
    const event = buildFramed(4, encode('shop.Order.Event', { kind: 1, raw: Buffer.from('hi') }), [0, 1]);
    expect((await decoded(decoder, event, 'protobuf')).value).toEqual({ kind: 'PAID', raw: 'aGk=' });
    const refund = buildFramed(4, encode('shop.Refund', { order_id: 'o1' }), [1]);
    expect((await decoded(decoder, refund, 'protobuf')).value).toEqual({ order_id: 'o1' });
    const missing = buildFramed(4, encode('shop.Refund', { order_id: 'o1' }), [0, 5]);
    expect(() => decoder.decode(missing, 'protobuf')).toThrow(
      'the bytes do not match protobuf schema id 4: message indexes [0, 5]: index 1 is 5, but message shop.Order has 2 messages',
    );
  });

  it('reads a schema registered as a base64 FileDescriptorProto, counting map entries as nested types', async () => {
    // message Order { map<string, string> attrs = 1; message Line { string sku = 1; } }: the
    // descriptor lists AttrsEntry first, so Line is [0, 1] as Confluent's serializers number it.
    const file = FileDescriptorProto.fromObject({
      name: 'order.proto',
      package: 'shop',
      syntax: 'proto3',
      messageType: [
        {
          name: 'Order',
          field: [{ name: 'attrs', number: 1, label: 3, type: 11, typeName: '.shop.Order.AttrsEntry' }],
          nestedType: [
            {
              name: 'AttrsEntry',
              field: [
                { name: 'key', number: 1, label: 1, type: 9 },
                { name: 'value', number: 2, label: 1, type: 9 },
              ],
              options: { mapEntry: true },
            },
            { name: 'Line', field: [{ name: 'sku_code', number: 1, label: 1, type: 9 }] },
          ],
        },
      ],
    });
    const base64 = Buffer.from(FileDescriptorProto.encode(file).finish()).toString('base64');
    const source = new MemorySource();
    schemas.push({ id: 40, schemaType: 'PROTOBUF', schema: base64, references: [] });
    const line = protobuf.parse('syntax = "proto3"; message Line { string sku_code = 1; }', { keepCase: true });
    const type = line.root.lookupType('Line');
    const bytes = buildFramed(40, type.encode(type.fromObject({ sku_code: 'A-7' })).finish(), [0, 1]);
    expect((await decoded(new RegistryDecoder(source), bytes, 'protobuf')).value).toEqual({ sku_code: 'A-7' });
  });

  it('validates JSON Schema records, resolving $ref to a referenced schema', async () => {
    const decoder = new RegistryDecoder(new MemorySource());
    const good = buildFramed(6, Buffer.from(JSON.stringify({ id: 1, ship_to: { city: 'Oslo' } })));
    expect((await decoded(decoder, good, 'json-schema')).value).toEqual({ id: 1, ship_to: { city: 'Oslo' } });
    const bad = buildFramed(6, Buffer.from(JSON.stringify({ id: 1, ship_to: { city: 7 } })));
    expect(() => decoder.decode(bad, 'json-schema')).toThrow(
      /does not match the schema: \/ship_to\/city must be string/,
    );
  });

  it('asks the registry once per id, unknown ids included, and names what does not match', async () => {
    const source = new MemorySource();
    const decoder = new RegistryDecoder(source);
    const unknown = buildFramed(99, Buffer.from('x'));
    await decoder.prepare([unknown]);
    expect(decoder.prepare([unknown])).toBeUndefined();
    expect(() => decoder.decode(unknown, 'avro')).toThrow(
      new UndecodablePayload('schema id 99 is unknown to the registry (schema 99 not found)'),
    );
    const address = buildFramed(1, Buffer.from([0x08, 0x4c, 0x79]));
    await decoder.prepare([address, address]);
    expect(() => decoder.decode(address, 'avro')).toThrow(
      /do not match avro schema id 1 \(subject address version 1\)/,
    );
    expect(() => decoder.decode(address, 'protobuf')).toThrow(/is a AVRO schema, not PROTOBUF/);
    expect(() => decoder.decode(Buffer.from('{}'), 'avro')).toThrow(/first byte 0x7b/);
    expect(source.lookups).toEqual([99, 1]);
  });

  it('names a missing reference as the problem of the record', async () => {
    schemas.push({
      id: 42,
      schemaType: 'AVRO',
      schema: '"shop.Gone"',
      references: [{ name: 'shop.Gone', subject: 'gone', version: 2 }],
    });
    const decoder = new RegistryDecoder(new MemorySource());
    const bytes = buildFramed(42, Buffer.alloc(1));
    await decoder.prepare([bytes]);
    expect(() => decoder.decode(bytes, 'avro')).toThrow(
      'schema id 42 references a schema the registry does not have (gone 2 not found)',
    );
  });

  it('lets a registry that cannot answer fail, not count as an undecodable record', async () => {
    class Unreachable extends MemorySource {
      override schemaById(): Promise<RegisteredSchema> {
        return Promise.reject(new RegistryError('registry at http://r:8081 unreachable'));
      }
    }
    const decoder = new RegistryDecoder(new Unreachable());
    await expect(decoder.prepare([buildFramed(1, Buffer.alloc(1))])).rejects.toMatchObject({
      message: 'cannot read schema id 1 from the Schema Registry: registry at http://r:8081 unreachable',
      retriable: true,
    });
  });
});
