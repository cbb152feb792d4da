import type { RegisteredSchema, SchemaSource } from './schema-source.js';

/** A schema another one references, under the name the referrer uses for it (import path, type, URL). */
export interface ReferencedSchema {
  name: string;
  schema: RegisteredSchema;
}

/**
 * Every schema `schema` references, directly or through its references, dependencies first (each
 * subject and version once), so a codec can register them in order before compiling `schema`.
 */
export async function referencedSchemas(source: SchemaSource, schema: RegisteredSchema): Promise<ReferencedSchema[]> {
  const out: ReferencedSchema[] = [];
  const seen = new Set<string>();
  const visit = async (from: RegisteredSchema, path: string[]): Promise<void> => {
    for (const ref of from.references) {
      const key = `${ref.subject}/${ref.version}`;
      if (seen.has(key)) continue;
      if (path.includes(key)) throw new Error(`schema reference cycle: ${[...path, key].join(' -> ')}`);
      const referenced = await source.schemaByVersion(ref.subject, ref.version);
      await visit(referenced, [...path, key]);
      seen.add(key);
      out.push({ name: ref.name, schema: referenced });
    }
  };
  await visit(schema, []);
  return out;
}
