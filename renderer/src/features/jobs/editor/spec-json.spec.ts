import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJobSpec } from '../../../../../engine/spec/index';
import { textFields } from './editor-fields';
import { getAt, plain, setAt, type Draft } from './spec-draft';
import { describeTextProblem, readSpecText, specText } from './spec-json';

const dir = join(import.meta.dirname, '..', '..', '..', '..', '..', 'examples');
const examples = readdirSync(dir).filter((file) => file.endsWith('.json'));
const load = (file: string): Draft => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Draft;

describe('the JSON view and the form share one spec', () => {
  it('covers every example', () => expect(examples.length).toBeGreaterThanOrEqual(3));

  it.each(examples)('%s: JSON text → spec → JSON text is exact', (file) => {
    const spec = load(file);
    const text = specText(spec);
    const read = readSpecText(text);
    expect(read).toEqual({ ok: true, value: spec });
    if (read.ok) expect(specText(read.value)).toBe(text);
  });

  // An input writes only when typed into; here each one is typed over with what it shows.
  it.each(examples)('%s: every form input shows its value and writes it back unchanged', (file) => {
    const spec = load(file);
    const draft = plain(spec);
    let retyped = 0;
    for (const field of Object.values(textFields)) {
      const value = getAt(draft, field.path);
      if (value === undefined) continue;
      setAt(draft, field.path, field.codec.fromText(field.codec.toText(value)));
      retyped++;
    }
    expect(retyped).toBeGreaterThanOrEqual(5);
    expect(draft).toEqual(spec);
    expect(parseJobSpec(draft).ok).toBe(true);
  });

  it('names invalid JSON by line and column, and reads nothing from it', () => {
    const text = '{\n  "version": 1,\n  "name": "x",\n}\n';
    const read = readSpecText(text);
    expect(read).toMatchObject({ ok: false, line: 4, column: 1 });
    if (!read.ok) expect(describeTextProblem(read)).toBe('line 4, column 1: trailing comma before "}"');
    expect(readSpecText('{"name": "a"')).toMatchObject({ ok: false, line: 1, column: 13 });
  });

  it('refuses JSON that is not an object, naming where it starts', () => {
    expect(readSpecText('\n  [1, 2]')).toEqual({
      ok: false,
      line: 2,
      column: 3,
      message: 'expected a JSON object (the job spec), found an array',
    });
  });
});
