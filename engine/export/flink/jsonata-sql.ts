import { isRegistryFormat, type RecordFormat } from '../../spec/index.js';
import { jsonataModule } from '../../spec/jsonata-module.js';
import type { AvroColumn } from './avro-columns.js';
import { lineColumn, type ExportProblem } from './export-problem.js';
import { quoteIdentifier, quoteString } from './sql-text.js';

// Translates the subset of JSONata that has an exact Flink SQL equivalent: paths into a JSON
// key or value, comparisons, and/or/$not, arithmetic, `&`, literals and a few functions. Everything
// else is a problem naming its position: an approximate translation would silently change results.

/** A translated expression; `field` is a path into a JSON column whose type the context decides. */
type Sql =
  | { type: 'string' | 'number' | 'boolean' | 'null' | 'object' | 'json' | 'bytes' | 'timestamp'; sql: string }
  | { type: 'field'; column: string; path: string }
  | { type: 'error' };

type Scalar = 'string' | 'number' | 'boolean';

interface Node {
  type: string;
  value?: unknown;
  position?: number;
  steps?: Node[];
  lhs?: Node | [Node, Node][];
  rhs?: Node;
  expression?: Node;
  expressions?: Node[];
  arguments?: Node[];
  procedure?: Node;
  stages?: unknown[];
  predicate?: unknown[];
  group?: unknown;
  condition?: Node;
  then?: Node;
  else?: Node;
  keepArray?: boolean;
  tuple?: boolean;
}

/** The columns of the source table an expression can read. */
export interface RecordColumns {
  keyFormat: RecordFormat;
  valueFormat: RecordFormat;
  /** An Avro value read with avro-confluent: its fields are columns of the source table. */
  valueColumns?: readonly AvroColumn[];
}

export const COLUMN = {
  key: 'key',
  value: 'value',
  timestamp: 'event_time',
  topic: 'topic',
  partition: 'partition',
  offset: 'offset',
  headers: 'headers',
} as const;

/** The SQL of a map: the sink columns it replaces; absent ones pass the record's own through. */
export interface MapColumns {
  key?: string;
  value?: string;
  timestamp?: string;
}

const FUNCTIONS = new Set([
  'uppercase',
  'lowercase',
  'trim',
  'length',
  'string',
  'number',
  'boolean',
  'not',
  'exists',
  'contains',
  'substring',
  'abs',
  'floor',
  'ceil',
]);
const NUMBER_OPS = new Set(['+', '-', '*', '/', '%']);
const COMPARE_OPS: Record<string, string> = { '=': '=', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

/** JSON_VALUE of a field as a scalar. Numbers go through TRY_CAST: Flink 2.0's RETURNING DOUBLE fails on JSON integers. */
function jsonValue(column: string, path: string, type: Scalar): string {
  const read = `JSON_VALUE(${column}, ${quoteString(path)}${type === 'boolean' ? ' RETURNING BOOLEAN' : ''})`;
  return type === 'number' ? `TRY_CAST(${read} AS DOUBLE)` : read;
}

class Translator {
  readonly problems: ExportProblem[] = [];

  constructor(
    private readonly source: string,
    private readonly specPath: string,
    private readonly columns: RecordColumns,
  ) {}

  problem(node: Node | undefined, message: string): Sql {
    const start = startOf(node);
    const { line, column } = lineColumn(this.source, start);
    const text = this.source.split('\n')[line - 1]?.trim() ?? this.source;
    this.problems.push({ path: this.specPath, line, column, text, message });
    return { type: 'error' };
  }

  expr(node: Node): Sql {
    switch (node.type) {
      case 'string':
        return { type: 'string', sql: quoteString(String(node.value)) };
      case 'number':
        return { type: 'number', sql: numberLiteral(node.value as number) };
      case 'value':
        if (node.value === null) return { type: 'null', sql: 'NULL' };
        return { type: 'boolean', sql: node.value ? 'TRUE' : 'FALSE' };
      case 'path':
        return this.path(node);
      case 'binary':
        return this.binary(node);
      case 'unary':
        return this.unary(node);
      case 'function':
        return this.call(node);
      case 'condition':
        return this.condition(node);
      case 'block':
        if (node.expressions?.length === 1) return this.expr(node.expressions[0] as Node);
        return this.problem(node, 'a block of several expressions has no SQL equivalent');
      default:
        return this.problem(node, `${describeNode(node)} has no SQL translation`);
    }
  }

  path(node: Node): Sql {
    const steps = node.steps ?? [];
    const odd = steps.find((s) => s.type !== 'name' || s.stages || s.predicate || s.group || s.tuple);
    if (odd || node.keepArray || node.group) {
      return this.problem(odd ?? node, 'only plain paths (a.b.c) translate; filters, wildcards and array steps do not');
    }
    const [head, ...rest] = steps.map((s) => String(s.value));
    if (head === undefined) return this.problem(node, 'an empty path has no SQL translation');
    const col = quoteIdentifier;
    if (head === 'value' && this.columns.valueColumns) return this.avroField(node, rest, this.columns.valueColumns);
    if (head === 'key' || head === 'value') {
      const format = head === 'key' ? this.columns.keyFormat : this.columns.valueFormat;
      const column = col(head === 'key' ? COLUMN.key : COLUMN.value);
      if (rest.length === 0) {
        if (format === 'json') return { type: 'json', sql: column };
        if (format === 'string') return { type: 'string', sql: column };
        return this.problem(node, `${head} in bytes format is base64 text in Sluice and raw bytes in Flink`);
      }
      if (isRegistryFormat(format)) {
        return this.problem(
          node,
          `${head}.${rest.join('.')} reads into the ${format} ${head}, whose fields are not columns of the Flink table`,
        );
      }
      if (format !== 'json') {
        return this.problem(
          node,
          `${head}.${rest.join('.')} reads into a ${format} ${head}; only json ${head}s have fields`,
        );
      }
      const bad = rest.find((name) => name.includes("'") || name.includes('\\'));
      if (bad !== undefined) return this.problem(node, `the field name "${bad}" cannot be written as a JSON path`);
      return { type: 'field', column, path: jsonPath(rest) };
    }
    if (rest.length > 0) return this.problem(node, `${head} has no fields`);
    if (head === 'topic') return { type: 'string', sql: col(COLUMN.topic) };
    if (head === 'partition') return { type: 'number', sql: col(COLUMN.partition) };
    if (head === 'offset') return { type: 'number', sql: col(COLUMN.offset) };
    if (head === 'timestamp') return { type: 'timestamp', sql: col(COLUMN.timestamp) };
    if (head === 'headers') return this.problem(node, 'headers are not translated');
    return this.problem(
      node,
      `"${head}" is not a field of the record (key, value, timestamp, topic, partition, offset)`,
    );
  }

  /** `value.a.b` of an Avro value: the column `a`, its ROW field `b`; only scalars translate. */
  avroField(node: Node, names: readonly string[], columns: readonly AvroColumn[]): Sql {
    if (names.length === 0) return this.problem(node, 'the whole Avro value has no SQL equivalent; read its fields');
    let fields: readonly AvroColumn[] | undefined = columns;
    let column: AvroColumn | undefined;
    const sql: string[] = [];
    for (const name of names) {
      column = fields?.find((f) => f.name === name);
      if (!column) {
        return this.problem(node, `value.${names.join('.')}: the Avro schema has no field "${name}" there`);
      }
      sql.push(quoteIdentifier(name));
      fields = column.fields;
    }
    const kind = column?.kind;
    if (kind === 'string' || kind === 'number' || kind === 'boolean') return { type: kind, sql: sql.join('.') };
    return this.problem(
      node,
      `value.${names.join('.')} is an Avro ${kind === 'row' ? 'record' : (column?.sql ?? 'field')}; only string, number and boolean fields translate`,
    );
  }

  /** The expression as a scalar SQL type; a JSON field is read with JSON_VALUE ... RETURNING. */
  as(node: Node, sql: Sql, type: Scalar, why: string): Sql {
    if (sql.type === 'error') return sql;
    if (sql.type === 'field') return { type, sql: jsonValue(sql.column, sql.path, type) };
    if (sql.type === type) return sql;
    return this.problem(node, `${why} needs a ${type}, got a ${sql.type}`);
  }

  binary(node: Node): Sql {
    const op = String(node.value);
    const lhsNode = node.lhs as Node;
    const rhsNode = node.rhs as Node;
    const lhs = this.expr(lhsNode);
    if (op === 'in') return lhs.type === 'error' ? lhs : this.inList(node, lhs, rhsNode);
    const rhs = this.expr(rhsNode);
    if (lhs.type === 'error' || rhs.type === 'error') return { type: 'error' };
    if (op === 'and' || op === 'or') {
      const l = this.condition(lhsNode, lhs);
      const r = this.condition(rhsNode, rhs);
      if (l.type === 'error' || r.type === 'error') return { type: 'error' };
      return { type: 'boolean', sql: `(${sqlOf(l)} ${op.toUpperCase()} ${sqlOf(r)})` };
    }
    if (NUMBER_OPS.has(op)) {
      const l = this.as(lhsNode, lhs, 'number', `"${op}"`);
      const r = this.as(rhsNode, rhs, 'number', `"${op}"`);
      if (l.type === 'error' || r.type === 'error') return { type: 'error' };
      // JSONata divides in floating point; SQL would divide two integers as integers.
      const left = op === '/' ? `CAST(${sqlOf(l)} AS DOUBLE)` : sqlOf(l);
      const sqlOp = op === '%' ? null : op;
      return { type: 'number', sql: sqlOp ? `(${left} ${sqlOp} ${sqlOf(r)})` : `MOD(${left}, ${sqlOf(r)})` };
    }
    if (op === '&') {
      const l = this.concatOperand(lhsNode, lhs);
      const r = this.concatOperand(rhsNode, rhs);
      if (l.type === 'error' || r.type === 'error') return { type: 'error' };
      return { type: 'string', sql: `(${sqlOf(l)} || ${sqlOf(r)})` };
    }
    if (op in COMPARE_OPS) return this.compare(node, op, lhs, rhs);
    return this.problem(node, `the operator "${op}" has no SQL translation`);
  }

  concatOperand(node: Node, sql: Sql): Sql {
    if (sql.type === 'field') return this.as(node, sql, 'string', '"&"');
    if (sql.type === 'string') return sql;
    if (sql.type === 'number') {
      return this.problem(node, 'numbers joined with "&" print differently in JSONata (10) and Flink (10.0)');
    }
    return this.problem(node, `"&" with a ${sql.type} has no exact SQL translation`);
  }

  compare(node: Node, op: string, lhs: Sql, rhs: Sql): Sql {
    const typeOf = (s: Sql) => (s.type === 'field' || s.type === 'error' ? undefined : s.type);
    const wanted = typeOf(lhs) ?? typeOf(rhs);
    if (wanted === undefined) {
      return this.problem(
        node,
        'comparing two JSON fields: the type to compare as is unknown; compare one with a literal',
      );
    }
    if (wanted !== 'string' && wanted !== 'number' && wanted !== 'boolean') {
      return this.problem(node, `comparing a ${wanted} has no exact SQL translation`);
    }
    const l = this.as(node.lhs as Node, lhs, wanted, `"${op}"`);
    const r = this.as(node.rhs as Node, rhs, wanted, `"${op}"`);
    if (l.type === 'error' || r.type === 'error') return { type: 'error' };
    return { type: 'boolean', sql: `(${sqlOf(l)} ${COMPARE_OPS[op]} ${sqlOf(r)})` };
  }

  inList(node: Node, lhs: Sql, rhsNode: Node): Sql {
    if (rhsNode.type !== 'unary' || rhsNode.value !== '[') {
      return this.problem(rhsNode, '"in" translates only with a list of literals, e.g. x in ["a", "b"]');
    }
    const items = (rhsNode.expressions ?? []).map((item) => ({ item, sql: this.expr(item) }));
    if (items.some((i) => i.sql.type === 'error')) return { type: 'error' };
    const types = new Set(items.map((i) => i.sql.type));
    const [type] = [...types];
    if (items.length === 0 || types.size !== 1 || (type !== 'string' && type !== 'number')) {
      return this.problem(rhsNode, '"in" translates only with a non-empty list of strings or of numbers');
    }
    const l = this.as(node.lhs as Node, lhs, type, '"in"');
    if (l.type === 'error') return l;
    return { type: 'boolean', sql: `(${sqlOf(l)} IN (${items.map((i) => sqlOf(i.sql)).join(', ')}))` };
  }

  unary(node: Node): Sql {
    if (node.value === '-') {
      const inner = this.as(node.expression as Node, this.expr(node.expression as Node), 'number', 'negation');
      return inner.type === 'error' ? inner : { type: 'number', sql: `(-${sqlOf(inner)})` };
    }
    if (node.value === '{') return this.object(node);
    return this.problem(node, `${describeNode(node)} has no SQL translation`);
  }

  object(node: Node): Sql {
    const pairs = (node.lhs ?? []) as [Node, Node][];
    const parts: string[] = [];
    let failed = false;
    for (const [name, valueNode] of pairs) {
      if (name.type !== 'string') {
        this.problem(name, 'object keys must be string literals');
        failed = true;
        continue;
      }
      const value = this.jsonMember(valueNode);
      if (value === undefined) failed = true;
      else parts.push(`KEY ${quoteString(String(name.value))} VALUE ${value}`);
    }
    if (failed) return { type: 'error' };
    // ABSENT ON NULL: JSONata leaves out keys whose value is undefined (a missing field).
    return { type: 'object', sql: `JSON_OBJECT(${parts.join(', ')} ABSENT ON NULL)` };
  }

  /** A value inside a JSON object; nested JSON_OBJECTs are inserted as objects, not strings. */
  jsonMember(node: Node): string | undefined {
    const sql = this.expr(node);
    if (sql.type === 'error') return undefined;
    if (sql.type === 'field') {
      this.problem(node, 'the type of a copied JSON field is unknown: wrap it in $string(), $number() or $boolean()');
      return undefined;
    }
    if (sql.type === 'json' || sql.type === 'bytes' || sql.type === 'timestamp') {
      this.problem(
        node,
        `a ${sql.type === 'json' ? 'whole JSON key or value' : sql.type} inside an object has no exact SQL translation`,
      );
      return undefined;
    }
    if (sql.type === 'null') {
      this.problem(node, 'null inside an object has no exact SQL translation (Flink leaves the key out)');
      return undefined;
    }
    return sql.sql;
  }

  condition(node: Node, sql: Sql = this.conditionalExpr(node)): Sql {
    if (node.type === 'condition') return sql;
    if (sql.type === 'error' || sql.type === 'boolean') return sql;
    return this.problem(
      node,
      `the truthiness of a ${sql.type === 'field' ? 'JSON field' : sql.type} has no exact SQL translation; compare it explicitly (e.g. = true)`,
    );
  }

  conditionalExpr(node: Node): Sql {
    if (node.type !== 'condition') return this.expr(node);
    const test = this.condition(node.condition as Node, this.expr(node.condition as Node));
    const then = this.expr(node.then as Node);
    const otherwise = node.else === undefined ? undefined : this.expr(node.else);
    if (test.type === 'error' || then.type === 'error' || otherwise?.type === 'error') return { type: 'error' };
    if (otherwise === undefined || then.type !== otherwise.type || then.type === 'field') {
      return this.problem(node, 'a condition translates only with an else branch of the same known type');
    }
    return {
      type: then.type,
      sql: `(CASE WHEN ${sqlOf(test)} THEN ${sqlOf(then)} ELSE ${sqlOf(otherwise)} END)`,
    } as Sql;
  }

  call(node: Node): Sql {
    const procedure = node.procedure;
    if (procedure?.type !== 'variable') {
      return this.problem(
        node,
        `${describeNode(procedure ?? node)} is not a function call SQL can make (JSONata functions start with $)`,
      );
    }
    const name = String(procedure.value);
    if (!FUNCTIONS.has(name)) return this.problem(procedure, `$${name} has no SQL translation`);
    const argNodes = node.arguments ?? [];
    const args = argNodes.map((a) => this.expr(a));
    if (args.some((a) => a.type === 'error')) return { type: 'error' };
    const arity = (min: number, max = min) =>
      args.length >= min && args.length <= max
        ? true
        : (this.problem(node, `$${name} takes ${min === max ? min : `${min}-${max}`} arguments here`), false);
    const str = (i: number) => this.as(argNodes[i] as Node, args[i] as Sql, 'string', `$${name}`);
    const num = (i: number) => this.as(argNodes[i] as Node, args[i] as Sql, 'number', `$${name}`);
    const bool = (i: number) => this.as(argNodes[i] as Node, args[i] as Sql, 'boolean', `$${name}`);
    const wrap = (type: Scalar, make: (...parts: string[]) => string, ...parts: Sql[]): Sql =>
      parts.some((p) => p.type === 'error') ? { type: 'error' } : { type, sql: make(...parts.map(sqlOf)) };
    switch (name) {
      case 'uppercase':
        return arity(1) ? wrap('string', (s) => `UPPER(${s})`, str(0)) : { type: 'error' };
      case 'lowercase':
        return arity(1) ? wrap('string', (s) => `LOWER(${s})`, str(0)) : { type: 'error' };
      case 'trim':
        // JSONata's $trim also folds inner runs of whitespace; SQL TRIM does not.
        return this.problem(node, '$trim also folds inner whitespace; SQL TRIM does not');
      case 'length':
        return arity(1) ? wrap('number', (s) => `CHAR_LENGTH(${s})`, str(0)) : { type: 'error' };
      case 'string': {
        if (!arity(1)) return { type: 'error' };
        const arg = args[0] as Sql;
        if (arg.type === 'field' || arg.type === 'string') return str(0);
        return this.problem(node, `$string of a ${arg.type} prints differently in JSONata and Flink`);
      }
      case 'number': {
        if (!arity(1)) return { type: 'error' };
        const arg = args[0] as Sql;
        if (arg.type === 'field' || arg.type === 'number') return num(0);
        if (arg.type === 'string') return { type: 'number', sql: `CAST(${sqlOf(arg)} AS DOUBLE)` };
        return this.problem(node, `$number of a ${arg.type} has no exact SQL translation`);
      }
      case 'boolean': {
        if (!arity(1)) return { type: 'error' };
        const arg = args[0] as Sql;
        if (arg.type === 'field' || arg.type === 'boolean') return bool(0);
        return this.problem(node, `$boolean of a ${arg.type} has no exact SQL translation`);
      }
      case 'not':
        return arity(1)
          ? wrap('boolean', (b) => `(NOT ${b})`, this.condition(argNodes[0] as Node, args[0]))
          : { type: 'error' };
      case 'exists': {
        if (!arity(1)) return { type: 'error' };
        const arg = args[0] as Sql;
        if (arg.type === 'field')
          return { type: 'boolean', sql: `JSON_EXISTS(${arg.column}, ${quoteString(arg.path)})` };
        return { type: 'boolean', sql: `(${sqlOf(arg)} IS NOT NULL)` };
      }
      case 'contains': {
        if (!arity(2)) return { type: 'error' };
        if (args[1]?.type !== 'string' || argNodes[1]?.type !== 'string') {
          return this.problem(argNodes[1], '$contains translates only with a literal string (no regular expressions)');
        }
        return wrap('boolean', (s, part) => `(POSITION(${part} IN ${s}) > 0)`, str(0), args[1]);
      }
      case 'substring': {
        if (!arity(2, 3)) return { type: 'error' };
        const start = argNodes[1];
        const length = argNodes[2];
        const literal = (n: Node | undefined) =>
          n?.type === 'number' && Number.isInteger(n.value) && (n.value as number) >= 0;
        if (!literal(start) || (length !== undefined && !literal(length))) {
          return this.problem(node, '$substring translates only with literal, non-negative start and length');
        }
        const from = (start?.value as number) + 1;
        const forPart = length === undefined ? '' : ` FOR ${String(length.value)}`;
        return wrap('string', (s) => `SUBSTRING(${s} FROM ${from}${forPart})`, str(0));
      }
      case 'abs':
        return arity(1) ? wrap('number', (n) => `ABS(${n})`, num(0)) : { type: 'error' };
      case 'floor':
        return arity(1) ? wrap('number', (n) => `FLOOR(${n})`, num(0)) : { type: 'error' };
      case 'ceil':
        return arity(1) ? wrap('number', (n) => `CEIL(${n})`, num(0)) : { type: 'error' };
      default:
        return this.problem(procedure, `$${name} has no SQL translation`);
    }
  }
}

function numberLiteral(value: number): string {
  // DOUBLE literals keep JSONata's floating-point arithmetic; integers stay exact as INT/BIGINT.
  return Number.isInteger(value) ? String(value) : `CAST(${String(value)} AS DOUBLE)`;
}

function sqlOf(sql: Sql): string {
  if (sql.type === 'error') throw new Error('translated an expression that failed');
  if (sql.type === 'field') return `JSON_VALUE(${sql.column}, ${quoteString(sql.path)})`;
  return sql.sql;
}

/** `$.a.b`, with names that are not plain identifiers in brackets. */
function jsonPath(names: readonly string[]): string {
  return `$${names.map((n) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(n) ? `.${n}` : `['${n}']`)).join('')}`;
}

function startOf(node: Node | undefined): number {
  if (!node) return 0;
  if (node.type === 'path' && node.steps?.[0]) return startOf(node.steps[0]);
  if (node.type === 'binary' && node.lhs && !Array.isArray(node.lhs)) return startOf(node.lhs);
  if (node.type === 'function' && node.procedure) return startOf(node.procedure);
  const position = node.position ?? 1;
  const text =
    node.type === 'variable'
      ? `$${String(node.value)}`
      : node.type === 'string'
        ? `"${String(node.value)}"`
        : String(node.value ?? ' ');
  return Math.max(0, position - text.length);
}

function describeNode(node: Node): string {
  const kinds: Record<string, string> = {
    regex: 'a regular expression',
    variable: 'a variable',
    lambda: 'a function definition',
    bind: 'a variable binding',
    sort: 'a sort',
    wildcard: 'a wildcard',
    descendant: 'a descendant wildcard',
    apply: 'a function chain (~>)',
    transform: 'a transform (|...|)',
    parent: 'a parent reference',
    partial: 'a partial application',
  };
  if (node.type === 'unary' && node.value === '[') return 'an array';
  return kinds[node.type] ?? `"${String(node.value ?? node.type)}"`;
}

function parse(source: string): Node {
  return jsonataModule()(source).ast() as unknown as Node;
}

/** A translation and the parts that did not translate; `result` holds what did. */
export interface Translation<T> {
  result: T | undefined;
  problems: ExportProblem[];
}

/** A filter expression as a WHERE condition; undefined when any part of it does not translate. */
export function translateFilter(source: string, columns: RecordColumns): Translation<string> {
  const t = new Translator(source, 'transform.filter', columns);
  const root = parse(source);
  const sql = t.condition(root, t.conditionalExpr(root));
  if (t.problems.length > 0 || sql.type === 'error') return { result: undefined, problems: t.problems };
  return { result: sqlOf(sql), problems: [] };
}

/**
 * A map expression (an object literal with key / value / timestamp) as the sink columns it sets.
 * Fields that translate are in the result even when others do not, for --allow-todo.
 */
export function translateMap(source: string, columns: RecordColumns): Translation<MapColumns> {
  const t = new Translator(source, 'transform.map', columns);
  const root = parse(source);
  if (root.type !== 'unary' || root.value !== '{') {
    t.problem(root, 'a map translates only as an object literal, e.g. {"value": {...}}');
    return { result: undefined, problems: t.problems };
  }
  const out: MapColumns = {};
  for (const [name, node] of (root.lhs ?? []) as [Node, Node][]) {
    if (name.type !== 'string') {
      t.problem(name, 'object keys must be string literals');
      continue;
    }
    const field = String(name.value);
    if (field === 'headers') {
      t.problem(name, 'a map that sets headers is not translated');
      continue;
    }
    if (field === 'timestamp') {
      const sql = t.expr(node);
      if (sql.type === 'timestamp') out.timestamp = sql.sql;
      else {
        const ms = t.as(node, sql, 'number', 'a timestamp');
        if (ms.type !== 'error') out.timestamp = `TO_TIMESTAMP_LTZ(CAST(${sqlOf(ms)} AS BIGINT), 3)`;
      }
      continue;
    }
    if (field !== 'key' && field !== 'value') continue; // Sluice ignores other keys too
    const format = field === 'key' ? columns.keyFormat : columns.valueFormat;
    const payload = payloadSql(t, node, format);
    if (payload !== undefined) out[field] = payload;
  }
  return { result: out, problems: t.problems };
}

/** The bytes Sluice's encodePayload writes for a map's key or value, as SQL. */
function payloadSql(t: Translator, node: Node, format: RecordFormat): string | undefined {
  const sql = t.expr(node);
  if (sql.type === 'error') return undefined;
  if (isRegistryFormat(format)) {
    t.problem(node, `a map that writes the ${format} payload needs a sink schema, which does not translate`);
    return undefined;
  }
  if (sql.type === 'null') return 'CAST(NULL AS STRING)';
  if (format === 'bytes') {
    t.problem(node, 'a map that writes a bytes payload is not translated');
    return undefined;
  }
  if (sql.type === 'field') {
    t.problem(node, 'the type of a copied JSON field is unknown: wrap it in $string(), $number() or $boolean()');
    return undefined;
  }
  if (format === 'json') {
    if (sql.type === 'json' || sql.type === 'object') return sql.sql;
    if (sql.type === 'string' || sql.type === 'boolean' || sql.type === 'number') return `JSON_STRING(${sql.sql})`;
  } else {
    if (sql.type === 'string') return sql.sql;
    if (sql.type === 'object' || sql.type === 'json') return sql.sql;
    if (sql.type === 'boolean') return `(CASE WHEN ${sql.sql} THEN 'true' ELSE 'false' END)`;
  }
  t.problem(node, `a ${sql.type} written as a ${format} payload prints differently in JSONata and Flink`);
  return undefined;
}
