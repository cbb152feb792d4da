// The one vocabulary for Schema Registry records, shared by the registry client
// (engine/registry/registry-client.ts), the wire-format codecs and the record decoder.

/** The schema types of the Confluent-compatible API; AVRO when a registry leaves `schemaType` out. */
export type SchemaType = 'AVRO' | 'PROTOBUF' | 'JSON';

/** A reference from one schema to another (Avro named type, Protobuf import, JSON Schema `$ref`). */
export interface SchemaReference {
  name: string;
  subject: string;
  version: number;
}

/** A schema as the registry holds it. */
export interface RegisteredSchema {
  id: number;
  schemaType: SchemaType;
  /** The schema text: Avro JSON, a .proto file, or a JSON Schema document. */
  schema: string;
  references: SchemaReference[];
  /** Where the registry knows it (not every lookup by id says). */
  subject?: string;
  version?: number;
}

/** What decoding and encoding need of a registry; the HTTP client implements it with a cache. */
export interface SchemaSource {
  /** The schema with this global id; rejects with a RegistryError naming the id when unknown. */
  schemaById(id: number): Promise<RegisteredSchema>;
  /** A referenced schema (for references), by subject and version. */
  schemaByVersion(subject: string, version: number | 'latest'): Promise<RegisteredSchema>;
  /** Registers (or finds) a schema under a subject; answers its id. */
  register(subject: string, schema: Omit<RegisteredSchema, 'id' | 'subject' | 'version'>): Promise<number>;
  /**
   * The version of `subject` holding this schema, or undefined when the subject does not have it.
   * Optional: copying between registries (id-rewrite.ts) uses it to name references by version.
   */
  lookup?(
    subject: string,
    schema: Omit<RegisteredSchema, 'id' | 'subject' | 'version'>,
  ): Promise<(RegisteredSchema & { version: number }) | undefined>;
}

/** A registry answered with an error, or could not be reached; names what was asked. */
export class RegistryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly errorCode?: number,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}
