import { describe, expect, it } from 'vitest';
import { locateJsonError } from './json-position.js';

describe('locateJsonError', () => {
  it.each([
    ['{"a": 1}', undefined],
    ['[1, -2.5e+3, "x\\n\\u00e9", true, false, null, {}]', undefined],
    ['\ufeff{"a": 1}', undefined],
  ])('accepts valid JSON %s', (text, expected) => {
    expect(locateJsonError(text)).toBe(expected);
    expect(() => JSON.parse(text.replace(/^\ufeff/, ''))).not.toThrow();
  });

  it.each([
    ['{\n  "a": 1,\n  "b": }', 3, 8, /expected a value, found "}"/],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, /expected "," or "}" after a property value/],
    ['{"a": [1, 2,]}', 1, 13, /trailing comma before "]"/],
    ['{"a": 1,}', 1, 9, /trailing comma before "}"/],
    ["{'a': 1}", 1, 2, /property name in double quotes/],
    ['{"a": tru}', 1, 10, /expected "true"/],
    ['{"a": 01}', 1, 8, /expected "," or "}"/],
    ['{"a": "x', 1, 7, /unterminated string/],
    ['{"a": 1', 1, 8, /unexpected end of input/],
    ['', 1, 1, /unexpected end of input/],
    ['{} {}', 1, 4, /unexpected "\{" after the JSON value/],
    ['{"a": "\t"}', 1, 8, /control character/],
  ])('locates the error in %j at line %i column %i', (text, line, column, message) => {
    expect(() => JSON.parse(text)).toThrow();
    const problem = locateJsonError(text);
    expect(problem).toMatchObject({ line, column });
    expect(problem?.message).toMatch(message);
  });
});
