import type { ExportProblem } from './export-problem.js';
import { quoteIdentifier } from './sql-text.js';

// The Flink SQL columns of an Avro record schema, as Flink's avro / avro-confluent formats read it
// (AvroSchemaConverter): a non-null Avro type is NOT NULL, ["null", T] is a nullable T.

/** What a column reads as in a JSONata→SQL translation; `other` compares with nothing. */
export type AvroColumnKind = 'string' | 'number' | 'boolean' | 'bytes' | 'row' | 'other';

/** One field of an Avro record as a Flink column (or a ROW field, nested). */
export interface AvroColumn {
  name: string;
  /** The Flink SQL type, e.g. `BIGINT NOT NULL` or `ROW<\`city\` STRING>`. */
  sql: string;
  kind: AvroColumnKind;
  /** A record's fields, for `value.a.b` reads. */
  fields?: AvroColumn[];
}

export interface AvroColumns {
  columns: AvroColumn[];
  /** Paths (`status`, `ship_to.kind`) of enum fields: Flink reads them as strings but cannot write them back. */
  enums: string[];
  problems: ExportProblem[];
}

type AvroType = string | AvroType[] | { type: AvroType; [k: string]: unknown };

interface Mapped {
  sql: string;
  kind: AvroColumnKind;
  fields?: AvroColumn[];
  enum?: true;
}

const PRIMITIVES: Record<string, Mapped> = {
  string: { sql: 'STRING', kind: 'string' },
  int: { sql: 'INT', kind: 'number' },
  long: { sql: 'BIGINT', kind: 'number' },
  float: { sql: 'FLOAT', kind: 'number' },
  double: { sql: 'DOUBLE', kind: 'number' },
  boolean: { sql: 'BOOLEAN', kind: 'boolean' },
  bytes: { sql: 'BYTES', kind: 'bytes' },
};

// Logical types as Flink's AvroSchemaConverter maps them (other logical types read as their
// underlying type). Sluice's decoder gives their underlying value (milliseconds, days, bytes), so
// they read as `other`: no comparison with them translates exactly.
const LOGICAL: Record<string, (schema: Record<string, unknown>) => string> = {
  'timestamp-millis': () => 'TIMESTAMP(3)',
  'timestamp-micros': () => 'TIMESTAMP(6)',
  date: () => 'DATE',
  'time-millis': () => 'TIME(3)',
  decimal: (s) => `DECIMAL(${Number(s['precision'])}, ${Number(s['scale'] ?? 0)})`,
};

class Mapper {
  readonly problems: ExportProblem[] = [];
  readonly enums: string[] = [];
  readonly #named = new Map<string, Mapped>();

  constructor(
    private readonly path: string,
    private readonly subject: string,
  ) {}

  problem(where: string, text: string, message: string): Mapped {
    const field = where === 'schema' ? `the schema of ${this.subject}` : `value.${where} (${this.subject})`;
    this.problems.push({ path: this.path, text, message: `${field}: ${message}` });
    return { sql: 'BYTES', kind: 'other' };
  }

  /** The type with its nullability: NOT NULL unless the Avro type is ["null", T]. */
  nullable(type: AvroType, where: string, namespace: string | undefined): Mapped {
    if (Array.isArray(type)) {
      const others = type.filter((t) => t !== 'null');
      if (others.length === 1 && type.length === 2) return this.type(others[0] as AvroType, where, namespace);
      return this.problem(
        where,
        JSON.stringify(type),
        `the union ${JSON.stringify(type)} has no Flink SQL type (only ["null", T] maps, to a nullable T)`,
      );
    }
    const mapped = this.type(type, where, namespace);
    return { ...mapped, sql: `${mapped.sql} NOT NULL` };
  }

  type(type: AvroType, where: string, namespace: string | undefined): Mapped {
    if (typeof type === 'string') {
      const primitive = PRIMITIVES[type];
      if (primitive) return primitive;
      const named = this.#named.get(type) ?? this.#named.get(`${namespace}.${type}`);
      if (named?.enum) this.enums.push(where);
      if (named) return named;
      if (type === 'null') return this.problem(where, type, 'a null-only field has no Flink SQL type');
      return this.problem(where, type, `the type "${type}" is not defined in the schema (references are not read)`);
    }
    if (Array.isArray(type)) return this.nullable(type, where, namespace);
    const schema = type as Record<string, unknown>;
    const logical = schema['logicalType'];
    if (typeof logical === 'string' && LOGICAL[logical]) return { sql: LOGICAL[logical](schema), kind: 'other' };
    const space = typeof schema['namespace'] === 'string' ? schema['namespace'] : namespace;
    const define = (mapped: Mapped): Mapped => {
      const name = String(schema['name']);
      this.#named.set(name.includes('.') || space === undefined ? name : `${space}.${name}`, mapped);
      this.#named.set(name, mapped);
      return mapped;
    };
    switch (schema['type']) {
      case 'record':
      case 'error': {
        const fields = this.fields(schema, where, space);
        const row = fields.map((f) => `${quoteIdentifier(f.name)} ${f.sql}`).join(', ');
        return define({ sql: `ROW<${row}>`, kind: 'row', fields });
      }
      case 'enum':
        this.enums.push(where);
        return define({ sql: 'STRING', kind: 'string', enum: true });
      case 'fixed':
        return define({ sql: `VARBINARY(${Number(schema['size'])})`, kind: 'bytes' });
      case 'array':
        return { sql: `ARRAY<${this.nullable(schema['items'] as AvroType, `${where}[]`, space).sql}>`, kind: 'other' };
      case 'map':
        return {
          sql: `MAP<STRING NOT NULL, ${this.nullable(schema['values'] as AvroType, `${where}{}`, space).sql}>`,
          kind: 'other',
        };
      default:
        return this.type(schema['type'] as AvroType, where, space);
    }
  }

  fields(schema: Record<string, unknown>, where: string, namespace: string | undefined): AvroColumn[] {
    const fields = Array.isArray(schema['fields']) ? (schema['fields'] as Record<string, unknown>[]) : [];
    return fields.map((field) => {
      const name = String(field['name']);
      const at = where === '' ? name : `${where}.${name}`;
      const mapped = this.nullable(field['type'] as AvroType, at, namespace);
      return { name, sql: mapped.sql, kind: mapped.kind, ...(mapped.fields ? { fields: mapped.fields } : {}) };
    });
  }
}

/**
 * The columns of an Avro record schema (the text the registry holds). `path` is where problems
 * point in the job spec, `subject` names the schema in their text. A schema that is not a record,
 * or fields whose types do not map (unions other than ["null", T]), are problems.
 */
export function avroColumns(schemaText: string, path: string, subject: string): AvroColumns {
  const mapper = new Mapper(path, subject);
  let schema: AvroType;
  try {
    schema = JSON.parse(schemaText) as AvroType;
  } catch (error) {
    mapper.problem('schema', schemaText, `the schema is not JSON: ${(error as Error).message}`);
    return { columns: [], enums: [], problems: mapper.problems };
  }
  const record = typeof schema === 'object' && !Array.isArray(schema) ? (schema as Record<string, unknown>) : {};
  if (record['type'] !== 'record') {
    mapper.problem(
      'schema',
      schemaText,
      "the schema is not an Avro record; Flink's avro-confluent reads records as rows",
    );
    return { columns: [], enums: [], problems: mapper.problems };
  }
  const type = mapper.type(schema, '', undefined);
  return { columns: type.fields ?? [], enums: mapper.enums, problems: mapper.problems };
}
