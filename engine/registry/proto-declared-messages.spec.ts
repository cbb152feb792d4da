import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { messageAt, protoTextMessages, type DeclaredMessage } from './proto-declared-messages.js';

// The descriptor order of a .proto text's messages, as protoc lists them (what message indexes count).

const names = (messages: DeclaredMessage[]): unknown[] =>
  messages.map((m) => (m.nested.length ? { [m.name]: names(m.nested) } : m.mapEntry ? `${m.name} (map)` : m.name));

describe('protoTextMessages', () => {
  it('lists nested messages, map entries and proto2 groups where they are declared', () => {
    const text = `
      syntax = "proto2";
      package a.b;
      option java_package = "x.message.map";
      message Outer {
        optional string message = 1 [default = "message Fake {"];
        enum Kind { A = 0; B = 1; }
        map<int32, Inner> by_id_2 = 2;
        oneof choice {
          string text = 3;
          group Picked = 4 { optional int32 n = 1; }
        }
        message Inner { map<string, string> tags = 1; }
        repeated group Line = 5 { optional string sku = 1; }
        optional int32 map = 6;
      }
      service S { rpc Get(Outer) returns (Outer) { option deprecated = true; } }
      message Last {}
    `;
    expect(names(protoTextMessages(protobuf, text))).toEqual([
      { Outer: ['ById2Entry (map)', 'Picked', { Inner: ['TagsEntry (map)'] }, 'Line'] },
      'Last',
    ]);
  });

  it('names the message at the indexes, and says which index names none or a map entry', () => {
    const messages = protoTextMessages(protobuf, 'message A { map<string, B> b = 1; message B {} } message C {}');
    expect(messageAt(messages, 'p', [0, 1])).toBe('p.A.B');
    expect(messageAt(messages, '', [1])).toBe('C');
    expect(() => messageAt(messages, 'p', [0, 2])).toThrow(
      'message indexes [0, 2]: index 1 is 2, but message p.A has 2 messages',
    );
    expect(() => messageAt(messages, 'p', [0, 0])).toThrow('name p.A.BEntry, the entry of a map field, not a message');
  });
});
