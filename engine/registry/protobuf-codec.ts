import type protobuf from 'protobufjs';
import type * as Descriptor from 'protobufjs/ext/descriptor.js';
import type { IFileDescriptorProto } from 'protobufjs/ext/descriptor.js';
import { EncodeError, type CompileCodec } from './payload-codec.js';
import { checkMessage } from './protobuf-values.js';
import { descriptorMessages, messageAt, protoTextMessages, type DeclaredMessage } from './proto-declared-messages.js';
import { loadProtobuf, type ProtobufModule } from './protobuf-module.js';
import { buildFramed, parseFramed } from './wire-format.js';

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

/** One schema's file: its package and how message indexes name its messages. */
interface ProtoFile {
  imports: string[];
  addTo(root: protobuf.Root): void;
  /** The full name of the message at `indexes`, or an Error saying which index is out of range. */
  messageName(indexes: number[]): string;
  /** Every message of the file (nested ones too) with its indexes, in declaration order. */
  messages(): { name: string; indexes: number[] }[];
}

/**
 * Protobuf with protobufjs. A registry holds a schema as .proto text or (as Python's and other
 * serializers register it) a base64 FileDescriptorProto; both are read. The schema and its
 * imports (references, and Google's well-known types) go into one root. The message indexes of a
 * record pick the message as Confluent's serializers count them: the first index among the file's
 * top-level messages in declaration order, each further one among the nested messages of the one
 * before, map fields' entry messages included (see proto-declared-messages.ts). Encoding writes the
 * message `options.message` names (the file's first by default) with its indexes, e.g. [0, 1] for
 * the second message nested in the first.
 */
export const compileProtobuf: CompileCodec = async (schema, references, options) => {
  const protobuf = await loadProtobuf();
  const root = new protobuf.Root();
  const files = [
    ...references.map((ref) => protoFile(protobuf, ref.schema.schema)),
    protoFile(protobuf, schema.schema),
  ];
  const wellKnown = new Set<string>();
  for (const file of files) {
    for (const name of file.imports) {
      const common = (protobuf.common as unknown as Record<string, protobuf.INamespace | undefined>)[name];
      if (common?.nested && !wellKnown.has(name)) root.addJSON(common.nested);
      wellKnown.add(name);
    }
    file.addTo(root);
  }
  root.resolveAll();
  const own = files.at(-1)!;
  const messages = new Map<string, protobuf.Type>();
  // Chosen at once for an encoder (which passes options), so a wrong message name fails at compile.
  let encoding = options ? chosenMessage(root, own, options.message) : undefined;
  return {
    decode: (framed) => {
      const { messageIndexes, payload } = parseFramed(framed, { messageIndexes: true });
      const key = messageIndexes!.join('.');
      let type = messages.get(key);
      if (!type) {
        type = root.lookupType(own.messageName(messageIndexes!));
        messages.set(key, type);
      }
      return inFieldOrder(protobuf, type, type.toObject(type.decode(payload), TO_OBJECT));
    },
    encode: (value) => {
      encoding ??= chosenMessage(root, own, options?.message);
      const { type, indexes } = encoding;
      checkMessage(protobuf, type, value);
      let message;
      try {
        message = type.fromObject(value as Record<string, unknown>);
      } catch (error) {
        throw new EncodeError('', (error as Error).message);
      }
      return buildFramed(schema.id, type.encode(message).finish(), indexes);
    },
  };
};

/**
 * The object with its keys in the order the message declares its fields, as protobuf's JSON mapping
 * writes them (toObject puts repeated and map fields first), nested messages included.
 */
function inFieldOrder(
  protobuf: ProtobufModule,
  type: protobuf.Type,
  object: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of type.fieldsArray) {
    if (!(field.name in object)) continue;
    const value = object[field.name];
    const nested = field.resolvedType instanceof protobuf.Type ? field.resolvedType : undefined;
    const order = (v: unknown) =>
      nested && v !== null && typeof v === 'object' ? inFieldOrder(protobuf, nested, v as Record<string, unknown>) : v;
    if (field.map) {
      out[field.name] = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, order(v)]),
      );
    } else if (field.repeated) out[field.name] = (value as unknown[]).map(order);
    else out[field.name] = order(value);
  }
  for (const [key, value] of Object.entries(object)) if (!(key in out)) out[key] = value;
  return out;
}

/** The message to encode and its indexes. */
function chosenMessage(root: protobuf.Root, file: ProtoFile, name: string | undefined) {
  const { name: full, indexes } = pickMessage(file, name);
  return { type: root.lookupType(full), indexes };
}

/** The full name of the message `message` names in a .proto text (or descriptor), the first by default. */
export const protobufMessageName = async (text: string, message?: string): Promise<string> =>
  pickMessage(protoFile(await loadProtobuf(), text), message).name;

/** Throws naming the messages the file has when `name` (full, or below the package) is not one. */
function pickMessage(file: ProtoFile, name: string | undefined): { name: string; indexes: number[] } {
  const all = file.messages();
  const wanted = name?.replace(/^\./, '');
  const found =
    wanted === undefined
      ? all[0]
      : (all.find((m) => m.name === wanted) ?? all.find((m) => m.name.endsWith(`.${wanted}`)));
  if (!found) {
    throw new Error(
      wanted === undefined
        ? 'the Protobuf file has no message to encode'
        : `message "${wanted}" is not in the Protobuf file, which has ${all.map((m) => m.name).join(', ') || 'no messages'}`,
    );
  }
  return found;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function protoFile(protobuf: ProtobufModule, text: string): ProtoFile {
  const trimmed = text.trim();
  return BASE64.test(trimmed) ? descriptorFile(protobuf, Buffer.from(trimmed, 'base64')) : textFile(protobuf, text);
}

function textFile(protobuf: ProtobufModule, text: string): ProtoFile {
  const own = protobuf.parse(text, { keepCase: true });
  const messages = protoTextMessages(protobuf, text);
  return {
    imports: own.imports ?? [],
    addTo: (root) => void protobuf.parse(text, root, { keepCase: true }),
    messageName: (indexes) => messageAt(messages, own.package ?? '', indexes),
    messages: () => listMessages(messages, own.package ?? ''),
  };
}

function descriptorFile(protobuf: ProtobufModule, bytes: Buffer): ProtoFile {
  const { FileDescriptorProto } = (protobuf as unknown as { descriptor: typeof Descriptor }).descriptor;
  const file = FileDescriptorProto.decode(bytes) as unknown as IFileDescriptorProto & { syntax?: string };
  const context = { edition: file.syntax || 'proto2', keepCase: true };
  const messages = descriptorMessages(file.messageType);
  return {
    imports: (file.dependency as string[] | undefined) ?? [],
    addTo: (root) => {
      const scope = file.package ? root.define(file.package) : root;
      for (const message of file.messageType ?? []) scope.add(protobuf.Type.fromDescriptor(message, context));
      for (const en of file.enumType ?? []) scope.add(protobuf.Enum.fromDescriptor(en, context));
    },
    messageName: (indexes) => messageAt(messages, file.package ?? '', indexes),
    messages: () => listMessages(messages, file.package ?? ''),
  };
}

/** Every message of the file (map entries left out), depth first in declaration order, with its indexes. */
function listMessages(messages: readonly DeclaredMessage[], pkg: string): { name: string; indexes: number[] }[] {
  const out: { name: string; indexes: number[] }[] = [];
  const visit = (list: readonly DeclaredMessage[], scope: string, indexes: number[]) =>
    list.forEach((message, i) => {
      const name = scope === '' ? message.name : `${scope}.${message.name}`;
      if (!message.mapEntry) out.push({ name, indexes: [...indexes, i] });
      visit(message.nested, name, [...indexes, i]);
    });
  visit(messages, pkg, []);
  return out;
}
