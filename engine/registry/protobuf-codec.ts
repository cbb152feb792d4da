import protobuf from 'protobufjs';
// The extension registers itself as protobuf.descriptor (and adds fromDescriptor to reflection
// types); read from there, as Node's ESM loader sees no named exports in that CommonJS file.
import 'protobufjs/ext/descriptor.js';
import type * as Descriptor from 'protobufjs/ext/descriptor.js';
import type { IDescriptorProto, IFileDescriptorProto } from 'protobufjs/ext/descriptor.js';
import { EncodeError, type CompileCodec } from './payload-codec.js';
import { checkMessage } from './protobuf-values.js';
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
 * record pick the message: the first index among the file's top-level messages in declaration
 * order, each further one among the nested messages of the one before. Encoding writes the message
 * `options.message` names (the file's first by default) with its indexes, e.g. [0, 1] for the second
 * message nested in the first.
 */
export const compileProtobuf: CompileCodec = (schema, references, options) => {
  const root = new protobuf.Root();
  const files = [...references.map((ref) => protoFile(ref.schema.schema)), protoFile(schema.schema)];
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
      return type.toObject(type.decode(payload), TO_OBJECT);
    },
    encode: (value) => {
      encoding ??= chosenMessage(root, own, options?.message);
      const { type, indexes } = encoding;
      checkMessage(type, value);
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

/** The message to encode and its indexes. */
function chosenMessage(root: protobuf.Root, file: ProtoFile, name: string | undefined) {
  const { name: full, indexes } = pickMessage(file, name);
  return { type: root.lookupType(full), indexes };
}

/** The full name of the message `message` names in a .proto text (or descriptor), the first by default. */
export const protobufMessageName = (text: string, message?: string): string =>
  pickMessage(protoFile(text), message).name;

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

function protoFile(text: string): ProtoFile {
  const trimmed = text.trim();
  return BASE64.test(trimmed) ? descriptorFile(Buffer.from(trimmed, 'base64')) : textFile(text);
}

function textFile(text: string): ProtoFile {
  // The file alone, for the order of its own messages (references may share its package).
  const own = protobuf.parse(text, { keepCase: true });
  const top = (own.package ? own.root.lookup(own.package) : own.root) as protobuf.Namespace;
  return {
    imports: own.imports ?? [],
    addTo: (root) => void protobuf.parse(text, root, { keepCase: true }),
    messageName: (indexes) =>
      walk(indexes, top, (scope) =>
        (scope.nestedArray ?? []).filter((n): n is protobuf.Type => n instanceof protobuf.Type),
      ).fullName.replace(/^\./, ''),
    messages: () =>
      listMessages(top, (scope) =>
        (scope.nestedArray ?? [])
          .filter((n): n is protobuf.Type => n instanceof protobuf.Type)
          .map((n) => ({ name: nameOf(n), node: n })),
      ),
  };
}

function descriptorFile(bytes: Buffer): ProtoFile {
  const { FileDescriptorProto } = (protobuf as unknown as { descriptor: typeof Descriptor }).descriptor;
  const file = FileDescriptorProto.decode(bytes) as unknown as IFileDescriptorProto & { syntax?: string };
  const context = { edition: file.syntax || 'proto2', keepCase: true };
  const prefix = file.package ? `${file.package}.` : '';
  return {
    imports: (file.dependency as string[] | undefined) ?? [],
    addTo: (root) => {
      const scope = file.package ? root.define(file.package) : root;
      for (const message of file.messageType ?? []) scope.add(protobuf.Type.fromDescriptor(message, context));
      for (const en of file.enumType ?? []) scope.add(protobuf.Enum.fromDescriptor(en, context));
    },
    // Nested types as the descriptor lists them (map entries included), as Confluent's indexes count.
    messageName: (indexes) => {
      const outer: string[] = [];
      const message = walk<IDescriptorProto | undefined>(indexes, undefined, (scope) => {
        if (scope) outer.push(scope.name ?? '');
        return (scope ? scope.nestedType : file.messageType) ?? [];
      });
      return `${prefix}${[...outer, message?.name ?? ''].join('.')}`;
    },
    messages: () =>
      listMessages<{ full: string; proto: IDescriptorProto | undefined }>(
        { full: file.package ?? '', proto: undefined },
        (scope) =>
          ((scope.proto ? scope.proto.nestedType : file.messageType) ?? []).map((proto) => {
            const full = scope.full === '' ? (proto.name ?? '') : `${scope.full}.${proto.name ?? ''}`;
            return { name: full, node: { full, proto } };
          }),
      ),
  };
}

/** Every message below `top`, depth first in declaration order, with the indexes that lead to it. */
function listMessages<T>(
  top: T,
  children: (scope: T) => { name: string; node: T }[],
): { name: string; indexes: number[] }[] {
  const out: { name: string; indexes: number[] }[] = [];
  const visit = (scope: T, indexes: number[]) =>
    children(scope).forEach(({ name, node }, i) => {
      out.push({ name, indexes: [...indexes, i] });
      visit(node, [...indexes, i]);
    });
  visit(top, []);
  return out;
}

/** Follows the indexes down from `top`; throws naming the index that has no message. */
function walk<T>(indexes: number[], top: T, children: (scope: T) => T[]): T {
  let scope = top;
  let where = 'the file';
  for (const [depth, index] of indexes.entries()) {
    const candidates = children(scope);
    const chosen = candidates[index];
    if (!chosen) {
      throw new Error(
        `message indexes [${indexes.join(', ')}]: index ${depth} is ${index}, but ` +
          `${where} has ${candidates.length} message${candidates.length === 1 ? '' : 's'}`,
      );
    }
    scope = chosen;
    where = `message ${nameOf(chosen)}`;
  }
  return scope;
}

const nameOf = (node: unknown): string =>
  node instanceof protobuf.ReflectionObject
    ? node.fullName.replace(/^\./, '')
    : String((node as { name?: string }).name);
