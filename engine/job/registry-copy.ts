import { TunnelAgent } from '../registry/registry-agent.js';
import { SchemaIdRewriter, type RewrittenField, type SchemaIdMap } from '../registry/id-rewrite.js';
import type { SchemaSource } from '../registry/schema-source.js';
import type { SourceRecord } from '../source/source-record.js';
import { isRegistryFormat, type JobSpec } from '../spec/index.js';
import type { RunClients } from './kafka-clients.js';

/**
 * Copying registry records to a Kafka sink whose cluster has another Schema Registry: rewrites the
 * schema ids of the key and value fields in a registry format (see engine/registry/id-rewrite.ts).
 */
export class RegistryCopy {
  readonly #rewriter: SchemaIdRewriter;
  readonly #fields: readonly RewrittenField[];

  constructor(rewriter: SchemaIdRewriter, fields: readonly RewrittenField[]) {
    this.#rewriter = rewriter;
    this.#fields = fields;
  }

  /** The source record with its ids replaced; waits only when an id is seen for the first time. */
  async apply(record: SourceRecord): Promise<SourceRecord> {
    for (const field of this.#fields) {
      const waiting = this.#rewriter.prepare(record[field], field);
      if (waiting) await waiting;
    }
    const out = { ...record };
    for (const field of this.#fields) out[field] = this.#rewriter.rewrite(record[field]);
    return out;
  }

  /** For the checkpoint: source id to target id. */
  mapping(): SchemaIdMap {
    return this.#rewriter.mapping();
  }
}

/**
 * The copy for a job whose Kafka sink's registry differs from the source's and whose key or value
 * is in a registry format; undefined otherwise (records pass through unchanged). `known`: the
 * mapping of the checkpoint the job resumes from.
 */
export function registryCopyFor(
  spec: JobSpec,
  clients: Pick<RunClients, 'schemas' | 'sinkSchemas'>,
  known: SchemaIdMap | undefined,
): RegistryCopy | undefined {
  if (spec.sink.type !== 'kafka') return undefined;
  const fields: RewrittenField[] = [];
  if (isRegistryFormat(spec.source.keyFormat) && spec.sink.key !== 'none') fields.push('key');
  if (isRegistryFormat(spec.source.valueFormat)) fields.push('value');
  if (fields.length === 0) return undefined;
  const to = clients.sinkSchemas();
  const from = clients.schemas();
  if (!to || !from || sameRegistry(from, to)) return undefined;
  return new RegistryCopy(new SchemaIdRewriter({ from, to, topic: spec.sink.topic, known }), fields);
}

/**
 * The same object, or clients of the same URL reached the same way: a URL behind an SSH jump host
 * names a host of that jump host's network (two profiles' `http://registry:8081` may be two
 * registries), so it is the same registry only through the same tunnel.
 */
function sameRegistry(a: SchemaSource, b: SchemaSource): boolean {
  if (a === b) return true;
  const urlOf = (s: SchemaSource) => (s as { url?: unknown }).url;
  const tunnelOf = (s: SchemaSource) => {
    const agent = (s as { agent?: unknown }).agent;
    return agent instanceof TunnelAgent ? agent : undefined;
  };
  return typeof urlOf(a) === 'string' && urlOf(a) === urlOf(b) && tunnelOf(a) === tunnelOf(b);
}
