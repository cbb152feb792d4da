import type { SchemaType } from './schema-source.js';

/** What the schema view shows: Avro and JSON Schema as indented JSON, .proto text as it is. */
export function schemaText(schemaType: SchemaType, schema: string): string {
  if (schemaType === 'PROTOBUF') return schema.trimEnd();
  try {
    return JSON.stringify(JSON.parse(schema), null, 2);
  } catch {
    // A registry may hold text that is not JSON (an Avro primitive written bare): show it as it is.
    return schema;
  }
}

/** The label of a schema type, as the peers' consoles name them. */
export const SCHEMA_TYPE_LABELS: Record<SchemaType, string> = {
  AVRO: 'Avro',
  PROTOBUF: 'Protobuf',
  JSON: 'JSON Schema',
};

/** Subjects whose name holds the filter text (case-insensitive). */
export function filterSubjects(subjects: readonly string[], filter: string): string[] {
  const needle = filter.trim().toLowerCase();
  return needle ? subjects.filter((s) => s.toLowerCase().includes(needle)) : [...subjects];
}
