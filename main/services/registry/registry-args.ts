import { z } from 'zod';
import type { SchemaReference, SchemaType } from '../../../engine/registry/schema-source';

// What the console asks of a cluster's Schema Registry (read-only), and what it gets back.

const cluster = z.string().min(1);
const subject = z.string().min(1, { error: 'expected a subject' });

export const registrySubjectsArgsSchema = z.object({ cluster }).strict();
export const registryVersionsArgsSchema = z.object({ cluster, subject }).strict();
export const registrySchemaArgsSchema = z
  .object({
    cluster,
    subject,
    version: z.union([z.number().int().positive(), z.literal('latest')]),
  })
  .strict();

export interface RegistrySubjectsReply {
  /** The registry's URL, to show where the list comes from. */
  url: string;
  subjects: string[];
}

export interface RegistrySchemaInfo {
  subject: string;
  version: number;
  id: number;
  schemaType: SchemaType;
  /** As the registry holds it. */
  schema: string;
  references: SchemaReference[];
}
