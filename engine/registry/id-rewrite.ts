import { registryFailure } from './registry-failure.js';
import { RegistryError, type RegisteredSchema, type SchemaReference, type SchemaSource } from './schema-source.js';
import { schemaIdOf } from './wire-format.js';

// Copying Schema Registry records to a cluster whose registry is another one: the schema behind each
// source id is registered in the target registry (its references first, under their own subjects)
// and the 4 id bytes of the framing are replaced by the target's id. Message indexes and payload
// are left as they are. Pure over two SchemaSources; the job hooks it in (engine/job/registry-copy.ts).

/** Source schema id (as a decimal string, JSON's key) to the id the target registry gave it. */
export type SchemaIdMap = Record<string, number>;

export type RewrittenField = 'key' | 'value';

export interface IdRewriteOptions {
  from: SchemaSource;
  to: SchemaSource;
  /** The sink topic: schemas register under `<topic>-key` / `<topic>-value` (TopicNameStrategy). */
  topic: string;
  /** Known already (a restored checkpoint's mapping): used without registering again. */
  known?: SchemaIdMap | undefined;
}

type Unregistered = Omit<RegisteredSchema, 'id' | 'subject' | 'version'>;

export class SchemaIdRewriter {
  readonly #options: IdRewriteOptions;
  readonly #ids = new Map<number, number>();
  readonly #pending = new Map<number, Promise<number>>();
  /** Referenced schemas copied: `<subject>/<source version>` to the target version. */
  readonly #versions = new Map<string, Promise<number>>();

  constructor(options: IdRewriteOptions) {
    this.#options = options;
    for (const [from, to] of Object.entries(options.known ?? {})) this.#ids.set(Number(from), to);
  }

  /** The mapping so far, for the checkpoint. */
  mapping(): SchemaIdMap {
    const out: SchemaIdMap = {};
    for (const [from, to] of [...this.#ids].sort(([a], [b]) => a - b)) out[String(from)] = to;
    return out;
  }

  /**
   * Registers the schema of a framed payload in the target when its id is new; undefined when
   * nothing needs waiting for (the id is mapped already, or there is no payload).
   */
  prepare(bytes: Buffer | null, field: RewrittenField): Promise<void> | undefined {
    if (bytes === null || bytes.length === 0) return undefined;
    const id = schemaIdOf(bytes);
    if (this.#ids.has(id)) return undefined;
    let pending = this.#pending.get(id);
    if (!pending) {
      pending = this.#copy(id, `${this.#options.topic}-${field}`);
      this.#pending.set(id, pending);
      pending.then(
        (target) => this.#ids.set(id, target),
        () => undefined,
      );
      // A failure is not kept: the next attempt asks again.
      pending.finally(() => this.#pending.delete(id)).catch(() => undefined);
    }
    return pending.then(() => undefined);
  }

  /** The payload with its id replaced by the target's; call after prepare() settled. */
  rewrite(bytes: Buffer | null): Buffer | null {
    if (bytes === null || bytes.length === 0) return bytes;
    const id = schemaIdOf(bytes);
    const target = this.#ids.get(id);
    if (target === undefined) throw new Error(`schema id ${id} was not copied to the target registry before writing`);
    if (target === id) return bytes;
    const out = Buffer.from(bytes);
    out.writeUInt32BE(target, 1);
    return out;
  }

  async #copy(id: number, subject: string): Promise<number> {
    const schema = await this.#options.from.schemaById(id);
    return this.#register(subject, { ...schema, references: await this.#references(schema, [subject]) });
  }

  /** The schema's references copied (dependencies first), named by their target versions. */
  async #references(schema: RegisteredSchema, path: string[]): Promise<SchemaReference[]> {
    const out: SchemaReference[] = [];
    for (const ref of schema.references) {
      const key = `${ref.subject}/${ref.version}`;
      if (path.includes(key)) throw new RegistryError(`schema reference cycle: ${[...path, key].join(' -> ')}`);
      let version = this.#versions.get(key);
      if (!version) {
        version = this.#copyReference(ref, [...path, key]);
        this.#versions.set(key, version);
        version.catch(() => this.#versions.delete(key));
      }
      out.push({ name: ref.name, subject: ref.subject, version: await version });
    }
    return out;
  }

  async #copyReference(ref: SchemaReference, path: string[]): Promise<number> {
    const referenced = await this.#options.from.schemaByVersion(ref.subject, ref.version);
    const schema: Unregistered = {
      schemaType: referenced.schemaType,
      schema: referenced.schema,
      references: await this.#references(referenced, path),
    };
    const id = await this.#register(ref.subject, schema);
    return this.#versionOf(ref.subject, schema, id);
  }

  async #register(subject: string, schema: Unregistered): Promise<number> {
    const plain: Unregistered = { schemaType: schema.schemaType, schema: schema.schema, references: schema.references };
    try {
      return await this.#options.to.register(subject, plain);
    } catch (error) {
      throw copyFailure(subject, error);
    }
  }

  /** The target version of a referenced subject that holds `id`. */
  async #versionOf(subject: string, schema: Unregistered, id: number): Promise<number> {
    const { to } = this.#options;
    const found = to.lookup ? await to.lookup(subject, schema) : await to.schemaByVersion(subject, 'latest');
    if (found?.version === undefined || found.id !== id) {
      throw new RegistryError(
        `copying schema to the sink's registry: subject "${subject}" does not list the schema it registered as id ${id}`,
      );
    }
    return found.version;
  }
}

function copyFailure(subject: string, error: unknown): Error {
  return registryFailure(`copying a schema to the sink cluster's registry under subject "${subject}"`, error, {
    subject,
  });
}
