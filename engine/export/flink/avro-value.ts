import type { SchemaRegistrySettings } from '../../spec/cluster-profile.js';
import type { SourceSpec } from '../../spec/index.js';
import type { RegisteredSchema } from '../../registry/schema-source.js';
import { avroColumns, type AvroColumn } from './avro-columns.js';
import { placeholderFor } from './cluster-properties.js';
import type { ExportProblem } from './export-problem.js';
import { COLUMN } from './jsonata-sql.js';

// An Avro source value read with Flink's avro-confluent format: the fields of the subject's latest
// schema become columns of the source table (and of the sink table, which writes them back with the
// same schema), so a filter or map reads `value.<field>` as a column.

/** The latest schema of the source's value subject, or why the export could not have it. */
export interface AvroValueSchema {
  subject: string;
  schema?: RegisteredSchema;
  /** Why there is no schema: the registry could not be reached, the subject is unknown... */
  error?: string;
}

/** What the tables need: the columns, the schema text Flink is given, the source's registry. */
export interface AvroValue {
  subject: string;
  columns: AvroColumn[];
  schemaText: string;
  registry: SchemaRegistrySettings;
  /** Enum fields (paths below the value): Flink cannot write them back (see enumSinkProblem). */
  enums: string[];
  /** The subject and id, for messages. */
  named: string;
}

type Options = [string, string][];

const CANNOT =
  "a filter or map over Avro fields needs Flink's avro-confluent format with the columns of the value's schema";

/** The subject whose latest schema declares the value's columns, or why there is none. */
export function avroValueSubject(
  source: SourceSpec,
  registry: SchemaRegistrySettings | undefined,
): { subject: string } | { error: string } {
  if (!registry) return { error: 'the source cluster profile has no schemaRegistry' };
  const topics = source.topics ?? [];
  if (source.topicPattern !== undefined || topics.length !== 1) {
    return {
      error: `the value's columns come from the subject <topic>-value of one topic; this job reads ${source.topicPattern === undefined ? `${topics.length} topics` : 'a topic pattern'}`,
    };
  }
  return { subject: `${topics[0]}-value` };
}

/**
 * The Avro value's columns when the source's value is Avro, a transform reads it, and the schema
 * was fetched; else undefined, with the problems saying why (today's message and the reason).
 */
export function avroValue(
  source: SourceSpec,
  registry: SchemaRegistrySettings | undefined,
  fetched: AvroValueSchema | undefined,
  problems: ExportProblem[],
): AvroValue | undefined {
  const before = problems.length;
  const fail = (why: string): undefined => {
    problems.push({ path: 'source.valueFormat', text: '"avro"', message: `${CANNOT}; ${why}` });
    return undefined;
  };
  const subject = avroValueSubject(source, registry);
  if ('error' in subject) return fail(subject.error);
  if (!registry) return undefined; // avroValueSubject answered an error
  if (!fetched?.schema) {
    return fail(`the schema of ${subject.subject} could not be read: ${fetched?.error ?? 'it was not looked up'}`);
  }
  const schema = fetched.schema;
  const named = `${subject.subject} (id ${schema.id})`;
  if (schema.schemaType !== 'AVRO') return fail(`the latest schema of ${named} is ${schema.schemaType}, not Avro`);
  if (schema.references.length > 0) {
    return fail(`the schema of ${named} has references, which Flink's avro-confluent schema option cannot carry`);
  }
  const mapped = avroColumns(schema.schema, 'source.valueFormat', named);
  problems.push(...mapped.problems);
  const taken = new Set<string>(Object.values(COLUMN).filter((c) => c !== COLUMN.value));
  for (const column of mapped.columns) {
    if (taken.has(column.name)) {
      problems.push({
        path: 'source.valueFormat',
        text: column.name,
        message: `value.${column.name} (${named}): the field's name is also the source table's ${column.name} column`,
      });
    }
  }
  if (problems.length > before) return undefined;
  return {
    subject: subject.subject,
    columns: mapped.columns,
    schemaText: schema.schema,
    registry,
    enums: mapped.enums,
    named,
  };
}

/**
 * `value.avro-confluent.*` options for a registry: URL and auth, secrets as placeholders (`prefix`
 * names a second registry's apart), the CA as a PEM truststore.
 */
export function avroConfluentOptions(
  registry: SchemaRegistrySettings,
  prefix: string,
): { options: Options; placeholders: string[]; notes: string[] } {
  const key = (name: string) => `value.avro-confluent.${name}`;
  const options: Options = [
    ['value.format', 'avro-confluent'],
    [key('url'), registry.url],
  ];
  const placeholders: string[] = [];
  const notes: string[] = [];
  const { basic, bearer } = registry.auth ?? {};
  if (basic) {
    const placeholder = placeholderFor(basic.password, `${prefix}REGISTRY_PASSWORD`);
    placeholders.push(placeholder);
    options.push(
      [key('basic-auth.credentials-source'), 'USER_INFO'],
      [key('basic-auth.user-info'), `${basic.username}:${placeholder}`],
    );
  } else if (bearer) {
    const placeholder = placeholderFor(bearer.token, `${prefix}REGISTRY_TOKEN`);
    placeholders.push(placeholder);
    options.push([key('bearer-auth.credentials-source'), 'STATIC_TOKEN'], [key('bearer-auth.token'), placeholder]);
  }
  if (registry.tls?.ca) {
    options.push([key('ssl.truststore.location'), registry.tls.ca], [key('properties.ssl.truststore.type'), 'PEM']);
  }
  if (registry.tls?.rejectUnauthorized === false) {
    notes.push(`the registry ${registry.url} is used without checking its certificate in Sluice; Flink checks it`);
  }
  return { options, placeholders, notes };
}

/** The value columns as table column lines. */
export const avroColumnLines = (value: AvroValue, quote: (name: string) => string): string[] =>
  value.columns.map((column) => `  ${quote(column.name)} ${column.sql}`);

/**
 * Flink 2.0's avro-confluent writes an enum field as the string it read it as, which Avro refuses
 * for an enum ("value PAID (a Utf8) is not a Status"): a job that writes such a value back fails.
 */
export function enumSinkProblem(avro: AvroValue): ExportProblem | undefined {
  if (avro.enums.length === 0) return undefined;
  const fields = avro.enums.map((path) => `value.${path}`).join(', ');
  return {
    path: 'sink',
    text: fields,
    message: `${fields} (${avro.named}): Flink's avro-confluent reads an Avro enum as a string but cannot write it back (Avro refuses a string for an enum), so the sink cannot write this value`,
  };
}
