import {
  RegistryError,
  type RegisteredSchema,
  type SchemaReference,
  type SchemaSource,
  type SchemaType,
} from '../../engine/registry/schema-source.js';

// A minimal SchemaSource over a Confluent-compatible API (Apicurio's /apis/ccompat/v7) for the
// tests of the formats; the app's RegistryClient (cluster profiles) replaces it in the engine.

interface SchemaAnswer {
  id?: number;
  subject?: string;
  version?: number;
  schema: string;
  schemaType?: SchemaType;
  references?: SchemaReference[];
}

export class TestRegistrySource implements SchemaSource {
  /** Every path asked, to check what is cached. */
  readonly requests: string[] = [];

  constructor(readonly url: string) {}

  async schemaById(id: number): Promise<RegisteredSchema> {
    const answer = await this.#get(`/schemas/ids/${id}`);
    return toSchema(answer, id);
  }

  async schemaByVersion(subject: string, version: number | 'latest'): Promise<RegisteredSchema> {
    const answer = await this.#get(`/subjects/${encodeURIComponent(subject)}/versions/${version}`);
    return toSchema(answer, answer.id ?? -1);
  }

  async register(subject: string, schema: Omit<RegisteredSchema, 'id' | 'subject' | 'version'>): Promise<number> {
    const response = await fetch(`${this.url}/subjects/${encodeURIComponent(subject)}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify(schema),
    });
    const body = (await response.json()) as { id?: number; message?: string };
    if (!response.ok || body.id === undefined) {
      throw new RegistryError(`registering under ${subject}: ${body.message ?? response.status}`, response.status);
    }
    return body.id;
  }

  async #get(path: string): Promise<SchemaAnswer> {
    this.requests.push(path);
    const response = await fetch(`${this.url}${path}`);
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { message?: string; error_code?: number };
      throw new RegistryError(`GET ${path}: ${body.message ?? response.statusText}`, response.status, body.error_code);
    }
    return (await response.json()) as SchemaAnswer;
  }
}

const toSchema = (answer: SchemaAnswer, id: number): RegisteredSchema => ({
  id,
  schemaType: answer.schemaType ?? 'AVRO',
  schema: answer.schema,
  references: answer.references ?? [],
  ...(answer.subject === undefined ? {} : { subject: answer.subject }),
  ...(answer.version === undefined ? {} : { version: answer.version }),
});
