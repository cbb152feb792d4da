import { looksFramed, RegistryDecoder, type SchemaInfo } from '../../../engine/registry/registry-decoder';
import type { SchemaSource } from '../../../engine/registry/schema-source';
import type { BrowsedBytes } from '../../ipc/contract';
import { browsedBytes } from './browsed-bytes';

/** A browsed payload in the Schema Registry wire format, decoded with its own schema, or why not. */
export type DecodedPayload = { value: unknown; schema: SchemaInfo } | { error: string };

/**
 * Decodes what a browse reads when the cluster has a Schema Registry: a key or value in the wire
 * format (magic byte 0, schema id) is decoded with the schema the id names, whatever its type, and
 * kept beside its bytes (the raw view stays). One per browse; the registry client caches schemas.
 */
export class BrowsedSchemas {
  readonly #decoder: RegistryDecoder;

  constructor(source: SchemaSource) {
    this.#decoder = new RegistryDecoder(source);
  }

  /** The payload as browsed, with `decoded` when it is framed. A registry that cannot answer is said, not thrown. */
  async payload(bytes: Buffer | null): Promise<BrowsedBytes | null> {
    const browsed = browsedBytes(bytes);
    if (browsed === null || !looksFramed(bytes)) return browsed;
    try {
      await this.#decoder.prepare([bytes]);
      return { ...browsed, decoded: this.#decoder.decodeAny(bytes) };
    } catch (error) {
      return { ...browsed, decoded: { error: (error as Error).message } };
    }
  }
}
