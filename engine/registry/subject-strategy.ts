import type { RegistryFormat, SubjectStrategy } from '../spec/index.js';
import { protobufMessageName } from './protobuf-codec.js';

/**
 * The subject a written key or value's schema goes under (Confluent's strategies): TopicName
 * `<topic>-key` / `<topic>-value`, RecordName `<record full name>`, TopicRecordName
 * `<topic>-<record full name>`. `recordName` is asked only by the record strategies.
 */
export function subjectFor(
  strategy: SubjectStrategy,
  topic: string,
  field: 'key' | 'value',
  recordName: () => string,
): string {
  switch (strategy) {
    case 'topic-name':
      return `${topic}-${field}`;
    case 'record-name':
      return recordName();
    case 'topic-record-name':
      return `${topic}-${recordName()}`;
  }
}

/**
 * The record's full name in a schema text: Avro's namespace.name, the Protobuf message's full name
 * (`message`, else the file's first), JSON Schema's `title`; undefined when the schema has none.
 * Throws when the text does not parse.
 */
export async function recordNameOf(
  format: RegistryFormat,
  text: string,
  message?: string,
): Promise<string | undefined> {
  if (format === 'protobuf') return protobufMessageName(text, message);
  const schema = JSON.parse(text) as unknown;
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return undefined;
  const { name, namespace, title } = schema as { name?: unknown; namespace?: unknown; title?: unknown };
  if (format === 'json-schema') return typeof title === 'string' && title !== '' ? title : undefined;
  if (typeof name !== 'string' || name === '') return undefined;
  return name.includes('.') || typeof namespace !== 'string' || namespace === '' ? name : `${namespace}.${name}`;
}
