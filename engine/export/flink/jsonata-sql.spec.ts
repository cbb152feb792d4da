import { describe, expect, it } from 'vitest';
import { translateFilter, translateMap } from './jsonata-sql.js';

const json = { keyFormat: 'string', valueFormat: 'json' } as const;
const text = { keyFormat: 'string', valueFormat: 'string' } as const;

describe('translateFilter', () => {
  it('translates comparisons, and/or and literals over JSON fields', () => {
    expect(translateFilter('value.amount > 10 and value.kind = "a"', json)).toEqual({
      result: "((TRY_CAST(JSON_VALUE(`value`, '$.amount') AS DOUBLE) > 10) AND (JSON_VALUE(`value`, '$.kind') = 'a'))",
      problems: [],
    });
    expect(translateFilter('value.ok = true or partition != 2', json).result).toBe(
      "((JSON_VALUE(`value`, '$.ok' RETURNING BOOLEAN) = TRUE) OR (`partition` <> 2))",
    );
  });

  it('translates functions, arithmetic, in-lists and $not', () => {
    expect(translateFilter('$contains($lowercase(key), "vip") and $not(value.n % 2 = 0)', json).result).toBe(
      "((POSITION('vip' IN LOWER(`key`)) > 0) AND (NOT (MOD(TRY_CAST(JSON_VALUE(`value`, '$.n') AS DOUBLE), 2) = 0)))",
    );
    expect(translateFilter('value.kind in ["a", "b"]', json).result).toBe(
      "(JSON_VALUE(`value`, '$.kind') IN ('a', 'b'))",
    );
    expect(translateFilter('$exists(value.a.b)', json).result).toBe("JSON_EXISTS(`value`, '$.a.b')");
    expect(translateFilter('value.x / 4 >= 0.5', json).result).toBe(
      "((CAST(TRY_CAST(JSON_VALUE(`value`, '$.x') AS DOUBLE) AS DOUBLE) / 4) >= CAST(0.5 AS DOUBLE))",
    );
  });

  it('quotes string literals and odd field names', () => {
    expect(translateFilter(`value.name = "O'Brien"`, json).result).toBe("(JSON_VALUE(`value`, '$.name') = 'O''Brien')");
    expect(translateFilter("value.`it's` = 1", json).problems[0]?.message).toBe(
      'the field name "it\'s" cannot be written as a JSON path',
    );
    expect(translateFilter('value.`a b` = "x"', json).result).toBe("(JSON_VALUE(`value`, '$[''a b'']') = 'x')");
  });

  it('reports every untranslatable part with its line and column', () => {
    const { result, problems } = translateFilter('value.amount > 10 and\n  $match(value.name, /x/)', json);
    expect(result).toBeUndefined();
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'transform.filter',
        line: 2,
        column: 3,
        message: '$match has no SQL translation',
      }),
    ]);
    expect(translateFilter('value.a = value.b', json).problems[0]?.message).toMatch(/comparing two JSON fields/);
    expect(translateFilter('value.active', json).problems[0]?.message).toMatch(/truthiness/);
    expect(translateFilter('value.items[0] = 1', json).problems[0]?.message).toMatch(/only plain paths/);
    expect(translateFilter('value.x = 1', text).problems[0]?.message).toMatch(/only json values have fields/);
    expect(translateFilter('$string(value.n * 2) = "4"', json).problems[0]?.message).toMatch(/prints differently/);
  });
});

describe('translateMap', () => {
  it('translates an object literal into the columns it sets', () => {
    const { result, problems } = translateMap(
      '{"key": $uppercase(key), "value": {"id": $string(value.id), "n": {"d": value.n * 2}}, "timestamp": timestamp}',
      json,
    );
    expect(problems).toEqual([]);
    expect(result).toEqual({
      key: 'UPPER(`key`)',
      value:
        "JSON_OBJECT(KEY 'id' VALUE JSON_VALUE(`value`, '$.id'), KEY 'n' VALUE JSON_OBJECT(KEY 'd' VALUE (TRY_CAST(JSON_VALUE(`value`, '$.n') AS DOUBLE) * 2) ABSENT ON NULL) ABSENT ON NULL)",
      timestamp: '`event_time`',
    });
  });

  it('serializes scalars of a json value as JSON', () => {
    expect(translateMap('{"value": $string(value.name)}', json).result).toEqual({
      value: "JSON_STRING(JSON_VALUE(`value`, '$.name'))",
    });
    expect(translateMap('{"value": value}', json).result).toEqual({ value: '`value`' });
  });

  it('keeps what translates and reports the rest', () => {
    const { result, problems } = translateMap('{"key": key, "value": {"a": value.a}, "headers": {}}', json);
    expect(result).toEqual({ key: '`key`' });
    expect(problems.map((p) => p.message)).toEqual([
      'the type of a copied JSON field is unknown: wrap it in $string(), $number() or $boolean()',
      'a map that sets headers is not translated',
    ]);
    expect(translateMap('$merge([value, {"x": 1}])', json).problems[0]?.message).toMatch(/object literal/);
  });
});
