import type protobuf from 'protobufjs';
import { describeValue, EncodeError, joinFieldPath } from './payload-codec.js';
import type { ProtobufModule } from './protobuf-module.js';

// Checks a JSON value against a Protobuf message before protobufjs's fromObject, which converts
// what it can and silently drops or zeroes the rest. Takes what decoding gives (protobuf's JSON
// mapping with .proto field names): 64-bit integers as numbers or decimal text, enums by name or
// number, bytes as base64 text; null leaves a field unset.

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const UINT32 = { min: 0, max: 2 ** 32 - 1 };
const RANGES: Record<string, { min: number; max: number }> = {
  int32: INT32,
  sint32: INT32,
  sfixed32: INT32,
  uint32: UINT32,
  fixed32: UINT32,
};
const LONGS = new Set(['int64', 'sint64', 'sfixed64', 'uint64', 'fixed64']);
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** Throws an EncodeError naming the first field of `value` that `type` cannot hold. */
export function checkMessage(
  protobuf: ProtobufModule,
  type: protobuf.Type,
  value: unknown,
  path: (string | number)[] = [],
): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new EncodeError(joinFieldPath(path), `${describeValue(value)} is not an object for message ${nameOf(type)}`);
  }
  for (const [name, fieldValue] of Object.entries(value)) {
    const field = type.fields[name];
    const at = [...path, name];
    if (!field) throw new EncodeError(joinFieldPath(at), `is not a field of message ${nameOf(type)}`);
    if (fieldValue === null || fieldValue === undefined) continue;
    field.resolve();
    if (field.map) {
      if (typeof fieldValue !== 'object' || Array.isArray(fieldValue)) {
        throw new EncodeError(joinFieldPath(at), `${describeValue(fieldValue)} is not an object (a map field)`);
      }
      for (const [k, v] of Object.entries(fieldValue))
        checkValue(protobuf, field, v, [...at, `[${JSON.stringify(k)}]`]);
    } else if (field.repeated) {
      if (!Array.isArray(fieldValue)) {
        throw new EncodeError(joinFieldPath(at), `${describeValue(fieldValue)} is not an array (a repeated field)`);
      }
      fieldValue.forEach((item, i) => checkValue(protobuf, field, item, [...at, i]));
    } else {
      checkValue(protobuf, field, fieldValue, at);
    }
  }
}

function checkValue(protobuf: ProtobufModule, field: protobuf.Field, value: unknown, path: (string | number)[]): void {
  const fail = (expected: string) => {
    throw new EncodeError(joinFieldPath(path), `${describeValue(value)} is not ${expected}`);
  };
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Type) return checkMessage(protobuf, resolved, value, path);
  if (resolved instanceof protobuf.Enum) {
    const known =
      typeof value === 'string'
        ? value in resolved.values
        : Number.isInteger(value) && Object.values(resolved.values).includes(value as number);
    if (!known) fail(`a value of enum ${nameOf(resolved)} (${Object.keys(resolved.values).join(', ')})`);
    return;
  }
  const range = RANGES[field.type];
  if (range) {
    if (!Number.isInteger(value) || (value as number) < range.min || (value as number) > range.max) {
      fail(`${article(field.type)} (an integer from ${range.min} to ${range.max})`);
    }
  } else if (LONGS.has(field.type)) {
    const unsigned = field.type.startsWith('u') || field.type === 'fixed64';
    const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
    const [min, max] = unsigned ? [0n, 2n ** 64n - 1n] : [-(2n ** 63n), 2n ** 63n - 1n];
    if (typeof text !== 'string' || !/^-?\d{1,20}$/.test(text) || BigInt(text) < min || BigInt(text) > max) {
      fail(`${article(field.type)} (an integer from ${min} to ${max}, or its decimal text)`);
    }
  } else if (field.type === 'double' || field.type === 'float') {
    if (typeof value !== 'number') fail(`a ${field.type}`);
  } else if (field.type === 'bool') {
    if (typeof value !== 'boolean') fail('a bool');
  } else if (field.type === 'string') {
    if (typeof value !== 'string') fail('a string');
  } else if (field.type === 'bytes') {
    if (typeof value !== 'string' || !BASE64.test(value)) fail('bytes (base64 text)');
  }
}

const article = (type: string): string => `${/^i/.test(type) ? 'an' : 'a'} ${type}`;

const nameOf = (node: protobuf.ReflectionObject): string => node.fullName.replace(/^\./, '');
