import type { IDescriptorProto } from 'protobufjs/ext/descriptor.js';
import type { ProtobufModule } from './protobuf-module.js';

/**
 * A message of a Protobuf file as its descriptor lists it (what Confluent's message indexes count):
 * its nested messages in declaration order, each map field's entry message among them at the place
 * the field is declared (`map<string, Note> notes` makes `NotesEntry`), as protoc builds them.
 */
export interface DeclaredMessage {
  name: string;
  /** The entry message of a map field: in the count, but never a record's type. */
  mapEntry: boolean;
  nested: DeclaredMessage[];
}

/** The messages of a base64 FileDescriptorProto's file: the descriptor's own lists. */
export function descriptorMessages(messages: readonly IDescriptorProto[] | null | undefined): DeclaredMessage[] {
  return (messages ?? []).map((message) => ({
    name: message.name ?? '',
    mapEntry: message.options?.mapEntry === true,
    nested: descriptorMessages(message.nestedType),
  }));
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The top-level messages of a .proto text with their nested ones, in the order protoc's descriptor
 * lists them. protobufjs' own parse cannot give it: it keeps no synthetic map-entry types and no
 * order between a message's fields and its nested types. So the text is read with protobufjs'
 * tokenizer (comments and strings handled), following `message` blocks, map fields and proto2
 * groups (a group is a nested message too); every other block (enum, oneof, service, options) only
 * nests braces.
 */
export function protoTextMessages(protobuf: ProtobufModule, text: string): DeclaredMessage[] {
  const tokens = protobuf.tokenize(text, false);
  const top: DeclaredMessage = { name: '', mapEntry: false, nested: [] };
  // One entry per open brace: the message it opens, or undefined for any other block.
  const blocks: (DeclaredMessage | undefined)[] = [];
  let opening: DeclaredMessage | undefined;
  const enclosing = (): DeclaredMessage => blocks.findLast((block) => block !== undefined) ?? top;
  for (let token = tokens.next(); token !== null; token = tokens.next()) {
    if (token === '{') {
      blocks.push(opening);
      opening = undefined;
    } else if (token === '}') {
      blocks.pop();
    } else if (token === 'message' && IDENT.test(tokens.peek() ?? '')) {
      const message: DeclaredMessage = { name: tokens.next()!, mapEntry: false, nested: [] };
      enclosing().nested.push(message);
      opening = message;
    } else if (token === 'group' && IDENT.test(tokens.peek() ?? '')) {
      const name = tokens.next()!;
      if (tokens.peek() !== '=') continue;
      const message: DeclaredMessage = { name, mapEntry: false, nested: [] };
      enclosing().nested.push(message);
      opening = message;
    } else if (token === 'map' && tokens.peek() === '<') {
      while (tokens.peek() !== null && tokens.next() !== '>');
      const field = tokens.next();
      if (field !== null && IDENT.test(field)) {
        enclosing().nested.push({ name: mapEntryName(field), mapEntry: true, nested: [] });
      }
    }
  }
  return top.nested;
}

/** protoc's name for a map field's entry message: `user_tags` → `UserTagsEntry`. */
function mapEntryName(field: string): string {
  let name = '';
  let upper = true;
  for (const char of field) {
    if (char === '_') upper = true;
    else {
      name += upper ? char.toUpperCase() : char;
      upper = false;
    }
  }
  return `${name}Entry`;
}

/**
 * The full name of the message at `indexes` among `messages` (a file's, under `pkg`): the first
 * index among the top-level messages, each further one among the nested messages of the one before.
 * Throws saying which index names no message, or that it names a map field's entry.
 */
export function messageAt(messages: readonly DeclaredMessage[], pkg: string, indexes: readonly number[]): string {
  let candidates = messages;
  let where = 'the file';
  let name = pkg;
  let chosen: DeclaredMessage | undefined;
  for (const [depth, index] of indexes.entries()) {
    chosen = candidates[index];
    if (!chosen) {
      throw new Error(
        `message indexes [${indexes.join(', ')}]: index ${depth} is ${index}, but ` +
          `${where} has ${candidates.length} message${candidates.length === 1 ? '' : 's'}`,
      );
    }
    name = name ? `${name}.${chosen.name}` : chosen.name;
    where = `message ${name}`;
    candidates = chosen.nested;
  }
  if (chosen?.mapEntry) {
    throw new Error(`message indexes [${indexes.join(', ')}] name ${name}, the entry of a map field, not a message`);
  }
  return name;
}
