import protobuf from 'protobufjs';
import type { CompileCodec } from './payload-codec.js';
import { parseFramed } from './wire-format.js';

// Decoded to JSON as protobuf's own JSON mapping does, with the .proto field names: 64-bit integers
// and enums as strings, bytes as base64, fields left at their defaults present (unset messages null).
const TO_OBJECT: protobuf.IConversionOptions = {
  longs: String,
  enums: String,
  bytes: String,
  defaults: true,
  arrays: true,
  objects: true,
};

/**
 * Protobuf with protobufjs: the .proto text of the schema and its imports (references, and Google's
 * well-known types) parsed into one root. The message indexes of each record pick the message: the
 * first index among the file's top-level messages in declaration order, each further one among the
 * nested messages of the one before.
 */
export const compileProtobuf: CompileCodec = (schema, references) => {
  const root = new protobuf.Root();
  const texts = [...references.map((ref) => ref.schema.schema), schema.schema];
  for (const text of texts) {
    for (const file of protobuf.parse(text, { keepCase: true }).imports ?? []) {
      const common = (protobuf.common as unknown as Record<string, protobuf.INamespace | undefined>)[file];
      if (common?.nested) root.addJSON(common.nested);
    }
    protobuf.parse(text, root, { keepCase: true });
  }
  root.resolveAll();
  // The file alone, for the order of its own messages (references may share its package).
  const own = protobuf.parse(schema.schema, { keepCase: true });
  const top = own.package ? own.root.lookup(own.package) : own.root;
  const messages = new Map<string, protobuf.Type>();
  const messageAt = (indexes: number[]): protobuf.Type => {
    const key = indexes.join('.');
    let type = messages.get(key);
    if (type) return type;
    let scope = top as protobuf.Namespace | null;
    let name = '';
    for (const [depth, index] of indexes.entries()) {
      const candidates = (scope?.nestedArray ?? []).filter((n): n is protobuf.Type => n instanceof protobuf.Type);
      const chosen = candidates[index];
      if (!chosen) {
        throw new Error(
          `message indexes [${indexes.join(', ')}]: index ${depth} is ${index}, but ` +
            `${depth === 0 ? 'the file' : `message ${name}`} has ${candidates.length} message${candidates.length === 1 ? '' : 's'}`,
        );
      }
      scope = chosen;
      name = chosen.fullName.replace(/^\./, '');
    }
    type = root.lookupType(name);
    messages.set(key, type);
    return type;
  };
  return {
    decode: (framed) => {
      const { messageIndexes, payload } = parseFramed(framed, { messageIndexes: true });
      const type = messageAt(messageIndexes!);
      return type.toObject(type.decode(payload), TO_OBJECT);
    },
  };
};
