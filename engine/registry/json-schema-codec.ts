import type { AnySchema, ErrorObject } from 'ajv';
import { loadAjv } from './ajv-module.js';
import { EncodeError, joinFieldPath, type CompileCodec } from './payload-codec.js';
import { buildFramed, parseFramed } from './wire-format.js';

/**
 * JSON Schema with ajv: the payload is JSON text, validated against the schema (draft 7 unless its
 * `$schema` names 2019-09 or 2020-12). Referenced schemas are added under their reference names, so
 * a `$ref` to that name resolves. Encoding validates the value the same way and writes it as JSON text.
 */
export const compileJsonSchema: CompileCodec = async (schema, references) => {
  const { Ajv, Ajv2019, Ajv2020, addFormats } = await loadAjv();
  const document = JSON.parse(schema.schema) as AnySchema;
  const dialect = typeof document === 'object' ? String((document as { $schema?: unknown }).$schema ?? '') : '';
  // Formats ajv does not know (Confluent's int64, say) are ignored, silently.
  const options = { strict: false, allErrors: false, validateSchema: false, logger: false as const };
  const ajv = dialect.includes('2020-12')
    ? new Ajv2020(options)
    : dialect.includes('2019-09')
      ? new Ajv2019(options)
      : new Ajv(options);
  addFormats(ajv);
  for (const ref of references) ajv.addSchema(JSON.parse(ref.schema.schema) as AnySchema, ref.name);
  const validate = ajv.compile(document);
  return {
    decode: (framed) => {
      const text = parseFramed(framed, { messageIndexes: false }).payload.toString('utf8');
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new Error(`the payload is not JSON: ${(error as Error).message}`);
      }
      if (!validate(value)) throw new Error(`does not match the schema: ${describeErrors(validate.errors ?? [])}`);
      return value;
    },
    encode: (value) => {
      if (!validate(value)) {
        const [first] = validate.errors ?? [];
        throw new EncodeError(
          first ? jsonPointerPath(first.instancePath) : '',
          first ? (first.message ?? first.keyword) : 'does not match the schema',
        );
      }
      return buildFramed(schema.id, Buffer.from(JSON.stringify(value), 'utf8'));
    },
  };
};

/** ajv's instancePath (`/ship_to/city`, `/items/2`) as a field path (`ship_to.city`, `items[2]`). */
const jsonPointerPath = (pointer: string): string =>
  joinFieldPath(
    pointer
      .split('/')
      .slice(1)
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~')),
  );

const describeErrors = (errors: readonly ErrorObject[]): string =>
  errors.map((e) => `${e.instancePath === '' ? '(the record)' : e.instancePath} ${e.message ?? e.keyword}`).join('; ');
