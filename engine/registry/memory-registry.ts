import { RegistryError, type RegisteredSchema, type SchemaSource } from './schema-source.js';

// A Schema Registry in memory, for the unit specs of the registry code (the integration tests use
// Apicurio): ids from `firstId`, identical schemas under a subject registered once, and `refuse`
// answers a subject's registrations with 409 as an incompatible schema would.

type Unregistered = Omit<RegisteredSchema, 'id' | 'subject' | 'version'>;

/** A registry in memory: ids from `firstId`, identical schemas under a subject registered once. */
export class MemoryRegistry implements SchemaSource {
  readonly byId = new Map<number, RegisteredSchema>();
  readonly subjects = new Map<string, RegisteredSchema[]>();
  readonly registrations: string[] = [];
  refuse: string | undefined;
  #next: number;

  constructor(firstId: number) {
    this.#next = firstId;
  }

  async schemaById(id: number): Promise<RegisteredSchema> {
    const found = this.byId.get(id);
    if (!found) throw new RegistryError(`schema id ${id} not found`, 404);
    return found;
  }

  async schemaByVersion(subject: string, version: number | 'latest'): Promise<RegisteredSchema> {
    const versions = this.subjects.get(subject) ?? [];
    const found = version === 'latest' ? versions.at(-1) : versions[version - 1];
    if (!found) throw new RegistryError(`subject ${subject} version ${version} not found`, 404);
    return found;
  }

  async register(subject: string, schema: Unregistered): Promise<number> {
    this.registrations.push(subject);
    if (this.refuse === subject) throw new RegistryError('Schema being registered is incompatible', 409);
    const versions = this.subjects.get(subject) ?? [];
    const same = versions.find((v) => v.schema === schema.schema && sameRefs(v, schema));
    if (same) return same.id;
    const id = this.#next++;
    const stored = { ...schema, id, subject, version: versions.length + 1 };
    this.byId.set(id, stored);
    this.subjects.set(subject, [...versions, stored]);
    return id;
  }
}

const sameRefs = (a: Unregistered, b: Unregistered) => JSON.stringify(a.references) === JSON.stringify(b.references);
