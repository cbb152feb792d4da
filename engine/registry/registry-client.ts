import type { Agent } from 'node:http';
import { registryRequest, RegistryRequestError, type RegistryEndpoint } from './registry-http.js';
import type { RegisteredSchema, SchemaReference, SchemaSource, SchemaType } from './schema-source.js';

// Our own small client for the Confluent-compatible Schema Registry API (Confluent, Apicurio's
// /apis/ccompat/v7, Redpanda, Karapace). Schemas by id never change, so they are cached for the
// client's life; so are fixed subject versions. "latest" is always asked.

export interface RegistryClientOptions {
  /** The API's base URL (a trailing slash is dropped). */
  url: string;
  /** Sent with every request: Authorization for basic or bearer auth. */
  headers?: Record<string, string>;
  /** How connections are made: the SSH tunnel's agent, or an https agent with the profile's CA. */
  agent?: Agent;
  /** Bound on each request, connect included; 10 s when absent. */
  timeoutMs?: number;
}

/** A subject's version as the registry lists it. */
export interface SubjectVersion extends RegisteredSchema {
  subject: string;
  version: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

interface WireSchema {
  id?: number;
  subject?: string;
  version?: number;
  schemaType?: string;
  schema?: string;
  references?: SchemaReference[];
}

export class RegistryClient implements SchemaSource {
  readonly url: string;
  /** What carries its connections (an SSH tunnel's agent, or one with the profile's CA); Node's default when absent. */
  readonly agent: Agent | undefined;
  readonly #endpoint: RegistryEndpoint;
  readonly #byId = new Map<number, Promise<RegisteredSchema>>();
  readonly #byVersion = new Map<string, Promise<SubjectVersion>>();

  constructor(options: RegistryClientOptions) {
    this.url = options.url.replace(/\/+$/, '');
    this.agent = options.agent;
    this.#endpoint = {
      url: this.url,
      headers: options.headers ?? {},
      ...(options.agent ? { agent: options.agent } : {}),
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    };
  }

  schemaById(id: number): Promise<RegisteredSchema> {
    return cached(this.#byId, id, async () => {
      const wire = await this.#get<WireSchema>(`/schemas/ids/${id}`, `schema id ${id}`);
      const schema = toSchema({ ...wire, id });
      if (schema.subject !== undefined) return schema;
      // Where the id is registered (shown beside decoded records); a registry without the call still decodes.
      const where = await this.#get<{ subject: string; version: number }[]>(
        `/schemas/ids/${id}/versions`,
        `the subjects of schema id ${id}`,
      ).catch(() => []);
      const first = where[0];
      return first ? { ...schema, subject: first.subject, version: first.version } : schema;
    });
  }

  schemaByVersion(subject: string, version: number | 'latest'): Promise<SubjectVersion> {
    const fetch = async () => {
      const wire = await this.#get<WireSchema>(
        `/subjects/${encodeURIComponent(subject)}/versions/${version}`,
        `subject "${subject}" version ${version}`,
      );
      const schema = toSubjectVersion(wire, subject);
      if (!this.#byId.has(schema.id)) this.#byId.set(schema.id, Promise.resolve(schema));
      return schema;
    };
    return version === 'latest' ? fetch() : cached(this.#byVersion, `${subject}\u0000${version}`, fetch);
  }

  async register(subject: string, schema: Omit<RegisteredSchema, 'id' | 'subject' | 'version'>): Promise<number> {
    const answer = await registryRequest<{ id: number }>(
      this.#endpoint,
      'POST',
      `/subjects/${encodeURIComponent(subject)}/versions`,
      wireBody(schema),
      { what: `registering a ${schema.schemaType} schema under subject "${subject}"` },
    );
    return answer.id;
  }

  /** The version of `subject` holding this schema, or undefined when the subject does not have it. */
  async lookup(
    subject: string,
    schema: Omit<RegisteredSchema, 'id' | 'subject' | 'version'>,
  ): Promise<SubjectVersion | undefined> {
    try {
      const wire = await registryRequest<WireSchema>(
        this.#endpoint,
        'POST',
        `/subjects/${encodeURIComponent(subject)}`,
        wireBody(schema),
        { what: `looking up a schema under subject "${subject}"` },
      );
      return toSubjectVersion({ schemaType: schema.schemaType, ...wire }, subject);
    } catch (error) {
      if (error instanceof RegistryRequestError && error.failure === 'not-found') return undefined;
      throw error;
    }
  }

  /** Every subject, sorted. */
  async subjects(): Promise<string[]> {
    return (await this.#get<string[]>('/subjects', 'listing subjects')).sort();
  }

  /** A subject's version numbers, ascending. */
  async versions(subject: string): Promise<number[]> {
    const versions = await this.#get<number[]>(
      `/subjects/${encodeURIComponent(subject)}/versions`,
      `listing versions of subject "${subject}"`,
    );
    return versions.sort((a, b) => a - b);
  }

  #get<T>(path: string, what: string): Promise<T> {
    return registryRequest<T>(this.#endpoint, 'GET', path, undefined, { what });
  }
}

/** One request per key at a time; a failure is not kept, so the next call asks again. */
function cached<K, V>(cache: Map<K, Promise<V>>, key: K, fetch: () => Promise<V>): Promise<V> {
  let entry = cache.get(key);
  if (!entry) {
    entry = fetch();
    cache.set(key, entry);
    entry.catch(() => cache.delete(key));
  }
  return entry;
}

function wireBody(schema: Omit<RegisteredSchema, 'id' | 'subject' | 'version'>): Record<string, unknown> {
  return {
    schema: schema.schema,
    schemaType: schema.schemaType,
    ...(schema.references.length > 0 ? { references: schema.references } : {}),
  };
}

function schemaType(type: string | undefined): SchemaType {
  if (type === undefined || type === 'AVRO') return 'AVRO';
  if (type === 'PROTOBUF' || type === 'JSON') return type;
  throw new RegistryRequestError(`the registry answered an unknown schemaType "${type}"`, 'rejected');
}

function toSchema(wire: WireSchema): RegisteredSchema {
  return {
    id: wire.id ?? 0,
    schemaType: schemaType(wire.schemaType),
    schema: wire.schema ?? '',
    references: wire.references ?? [],
    ...(wire.subject === undefined ? {} : { subject: wire.subject }),
    ...(wire.version === undefined ? {} : { version: wire.version }),
  };
}

function toSubjectVersion(wire: WireSchema, subject: string): SubjectVersion {
  return { ...toSchema(wire), subject: wire.subject ?? subject, version: wire.version ?? 0 };
}
