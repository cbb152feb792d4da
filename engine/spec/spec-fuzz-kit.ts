import fc from 'fast-check';
import { expect } from 'vitest';
import type { Parsed } from './validation.js';

// For the schema property specs (*-fuzz.spec.ts): what holds for any input, and inputs that are a
// valid document with random damage, which reach far deeper into a schema than random JSON does.

/** Validation answers ok or names each problem by a path; it never throws. */
export function expectParsedOrProblems<T>(parse: (input: unknown) => Parsed<T>, input: unknown): void {
  const parsed = parse(input);
  if (parsed.ok) return;
  expect(parsed.problems.length).toBeGreaterThan(0);
  for (const problem of parsed.problems) {
    expect(typeof problem.path).toBe('string');
    expect(problem.path).not.toBe('');
    expect(typeof problem.message).toBe('string');
    expect(problem.message).not.toBe('');
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value inside `value` (objects and arrays), the root included. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => pathsOf(v, [...prefix, i]))];
  if (value !== null && typeof value === 'object') {
    return [...here, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
  }
  return here;
}

/** `value` with the thing at `path` replaced (or, when `replacement` is undefined, removed). */
function replaceAt(value: Json, path: (string | number)[], replacement: Json | undefined): Json | undefined {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    const next = replaceAt(copy[head as number]!, rest, replacement);
    if (next === undefined) copy.splice(head as number, 1);
    else copy[head as number] = next;
    return copy;
  }
  const copy = { ...(value as Record<string, Json>) };
  const next = replaceAt(copy[head as string]!, rest, replacement);
  if (next === undefined) delete copy[head as string];
  else copy[head as string] = next;
  return copy;
}

/** Valid documents with one to three random values replaced, removed or added. */
export function damaged(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const edit = fc.tuple(fc.nat(), fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }), fc.string());
  return fc.tuple(valid, fc.array(edit, { minLength: 1, maxLength: 3 })).map(([doc, edits]) =>
    edits.reduce<unknown>(
      (current, [pick, replacement, newKey]) => {
        const json = current as Json;
        const paths = pathsOf(json);
        const path = paths[pick % paths.length]!;
        const target = path.reduce<Json>((v, k) => (v as Record<string, Json>)[k]!, json);
        // Sometimes add a key instead of replacing: unknown fields must be named, not ignored.
        if (target !== null && typeof target === 'object' && !Array.isArray(target) && replacement !== undefined) {
          return replaceAt(json, [...path, newKey], replacement as Json) ?? null;
        }
        return replaceAt(json, path, replacement as Json | undefined) ?? null;
      },
      JSON.parse(JSON.stringify(doc)),
    ),
  );
}

/** A JSON round trip: what a saved spec reads back as. */
export const throughJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
