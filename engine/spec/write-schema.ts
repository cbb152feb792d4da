import { z } from 'zod';
import { registryFormatSchema, type RegistryFormat } from './registry-format.js';

/** How the subject of a written key or value is named when the spec gives none (Confluent's strategies). */
export const subjectStrategySchema = z.enum(['topic-name', 'record-name', 'topic-record-name']);
export type SubjectStrategy = z.infer<typeof subjectStrategySchema>;

// What a schema file's extension says it holds; `.json` may be Avro or JSON Schema.
const FORMATS_OF_EXTENSION: Record<string, readonly RegistryFormat[]> = {
  '.avsc': ['avro'],
  '.proto': ['protobuf'],
  '.json': ['avro', 'json-schema'],
};

/**
 * The schema a Kafka sink encodes a mapped key or value with (`sink.keySchema`, `sink.valueSchema`):
 * a registered `subject` (at `version`, the latest by default), or a schema `file` that is registered
 * in the sink's registry under the strategy's subject, or neither (the strategy's subject, latest).
 */
export const writeSchemaSchema = z
  .object({
    format: registryFormatSchema,
    subject: z.string().min(1, { error: 'expected a subject name' }).optional(),
    version: z
      .union([z.number().int().positive({ error: 'expected a version number >= 1' }), z.literal('latest')], {
        error: 'expected a version number >= 1 or "latest"',
      })
      .optional(),
    file: z.string().min(1, { error: 'expected a schema file path (.avsc, .proto, .json)' }).optional(),
    subjectStrategy: subjectStrategySchema.default('topic-name'),
    message: z.string().min(1, { error: 'expected a fully-qualified message name' }).optional(),
  })
  .strict()
  .superRefine((schema, ctx) => {
    if (schema.subject !== undefined && schema.file !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['file'],
        message:
          'give either subject (a registered schema) or file (a schema to register), not both; ' +
          'the file is registered under the subject its subjectStrategy names',
      });
    }
    if (schema.file !== undefined && schema.version !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['version'],
        message: 'names a registered version, but a file is registered as it is; leave version out or use subject',
      });
    }
    if (schema.subject === undefined && schema.file === undefined && schema.subjectStrategy !== 'topic-name') {
      ctx.addIssue({
        code: 'custom',
        path: ['subjectStrategy'],
        message:
          `"${schema.subjectStrategy}" takes the subject from the record's name, which only a schema file gives; ` +
          'add file, or name the subject',
      });
    }
    if (schema.message !== undefined && schema.format !== 'protobuf') {
      ctx.addIssue({
        code: 'custom',
        path: ['message'],
        message: `picks a Protobuf message, but format is "${schema.format}"; leave it out`,
      });
    }
    const extension = schema.file?.match(/\.[^./\\]+$/)?.[0]?.toLowerCase();
    const formats = extension === undefined ? undefined : FORMATS_OF_EXTENSION[extension];
    if (formats && !formats.includes(schema.format)) {
      ctx.addIssue({
        code: 'custom',
        path: ['format'],
        message: `is "${schema.format}", but file ${schema.file} is ${formats.join(' or ')} by its extension`,
      });
    }
  });
export type WriteSchemaSpec = z.infer<typeof writeSchemaSchema>;

/** What to do when a map sets a registry-format key or value and the sink has no schema for it. */
export const writeSchemaRemedy = (field: 'key' | 'value', format: RegistryFormat): string =>
  `add sink.${field}Schema ({"format": "${format}", "subject": ...} or {"format": "${format}", "file": ...}), ` +
  `or leave ${field} out of the map result so the source bytes pass through`;
