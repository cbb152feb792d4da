import { beforeAll, describe, expect, it } from 'vitest';
import type { PayloadCodec } from './payload-codec.js';
import { compileProtobuf } from './protobuf-codec.js';

// Message indexes count a file's messages as its descriptor lists them, which is how Confluent's
// serializers write them: a map field's entry message (`map<string, Note> notes` makes NotesEntry) is
// a nested type at the place the field is declared. The records are Python-written: framed by
// confluent-kafka's ProtobufSerializer's own index walk and varint writer from the file protoc would
// build from MAPS_PROTO (test/kafka/protobuf_map_fixture.py prints them, and the descriptor).

const MAPS_PROTO = `
syntax = "proto3";
package shop;

// Order's nested types as the descriptor lists them: Note, NotesEntry, Line, LabelsEntry, Gift.
message Order {
  string id = 1;
  message Note { string text = 1; }
  map<string, Note> notes = 2;
  message Line {
    string sku = 1;
    map<string, int32> attrs = 2; // Line.AttrsEntry: "map<" in a comment is no field
    uint32 qty = 3;
  }
  /* map<string, string> commented_out = 9; */
  map<string, string> labels = 3;
  message Gift { string to = 1; }
}

message Refund { string order_id = 1; }
`;

const DESCRIPTOR =
  'Cg9zaG9wL21hcHMucHJvdG8SBHNob3AilgMKBU9yZGVyEgoKAmlkGAEgASgJEiwKBW5vdGVzGAIgAygLMhYuc2hvcC5PcmRlci5Ob3Rlc0VudHJ5UgVub3RlcxIvCgZsYWJlbHMYAyADKAsyFy5zaG9wLk9yZGVyLkxhYmVsc0VudHJ5UgZsYWJlbHMaFAoETm90ZRIMCgR0ZXh0GAEgASgJGkUKCk5vdGVzRW50cnkSCwoDa2V5GAEgASgJEiYKBXZhbHVlGAIgASgLMhAuc2hvcC5PcmRlci5Ob3RlUgV2YWx1ZToCOAEagQEKBExpbmUSCwoDc2t1GAEgASgJEjEKBWF0dHJzGAIgAygLMhsuc2hvcC5PcmRlci5MaW5lLkF0dHJzRW50cnlSBWF0dHJzEgsKA3F0eRgDIAEoDRosCgpBdHRyc0VudHJ5EgsKA2tleRgBIAEoCRINCgV2YWx1ZRgCIAEoBToCOAEaLQoLTGFiZWxzRW50cnkSCwoDa2V5GAEgASgJEg0KBXZhbHVlGAIgASgJOgI4ARoSCgRHaWZ0EgoKAnRvGAEgASgJIhoKBlJlZnVuZBIQCghvcmRlcl9pZBgBIAEoCWIGcHJvdG8z';

/** Python-written, with the message and the indexes Python's serializer framed it with. */
const RECORDS = [
  {
    message: 'Order.Line [0, 2]',
    hex: '00000000070400040a05736b752d3112080a0473697a65102a1803',
    value: { sku: 'sku-1', attrs: { size: 42 }, qty: 3 }, // toObject alone puts attrs (a map) first
  },
  { message: 'Order.Gift [0, 4]', hex: '00000000070400080a03416461', value: { to: 'Ada' } },
  {
    message: 'Order [0]',
    hex: '0000000007000a036f2d31120f0a026e3112090a0766726167696c651a0e0a076368616e6e656c1203776562',
    value: { id: 'o-1', notes: { n1: { text: 'fragile' } }, labels: { channel: 'web' } },
  },
  { message: 'Refund [1]', hex: '000000000702020a036f2d31', value: { order_id: 'o-1' } },
];

const schema = (text: string) => ({ id: 7, schemaType: 'PROTOBUF' as const, schema: text, references: [] });

describe.each([
  { form: '.proto text', text: MAPS_PROTO },
  { form: 'a base64 FileDescriptorProto', text: DESCRIPTOR },
])('Protobuf with map fields, the schema as $form', ({ text }) => {
  let codec: PayloadCodec;
  beforeAll(async () => {
    codec = await compileProtobuf(schema(text), []);
  });

  it.each(RECORDS)('decodes $message as Python wrote it, fields in declaration order', ({ hex, value }) => {
    const decoded = codec.decode(Buffer.from(hex, 'hex'));
    expect(decoded).toEqual(value);
    expect(Object.keys(decoded as object)).toEqual(Object.keys(value));
  });

  it('names a map entry that indexes point at, rather than decoding it as a message', () => {
    // [0, 1]: Order.NotesEntry, the entry of the map field notes.
    expect(() => codec.decode(Buffer.from('0000000007040002', 'hex'))).toThrow(/shop\.Order\.NotesEntry/);
  });
});
