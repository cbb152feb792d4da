import { ConfigError } from '../errors/index.js';
import { RegistryDecoder } from '../registry/registry-decoder.js';
import type { SchemaSource } from '../registry/schema-source.js';
import { isRegistryFormat, type SourceSpec } from '../spec/index.js';

/**
 * The decoder for a source whose key or value is `avro`, `protobuf` or `json-schema`; undefined when
 * neither is. Such a source on a cluster without a Schema Registry fails at start, saying which.
 * `schemas` is asked only then (a profile's registry whose secret cannot be read fails only jobs that use it).
 */
export function registryDecoderFor(
  source: SourceSpec,
  schemas: () => SchemaSource | undefined,
): RegistryDecoder | undefined {
  const fields = (['keyFormat', 'valueFormat'] as const).filter((field) => isRegistryFormat(source[field]));
  if (fields.length === 0) return undefined;
  const found = schemas();
  if (found) return new RegistryDecoder(found);
  const cluster =
    'profile' in source.cluster ? `profile "${source.cluster.profile}"` : source.cluster.bootstrapServers.join(',');
  throw new ConfigError(
    `${fields.map((field) => `source.${field} is "${source[field]}"`).join(' and ')}, which needs a Schema Registry, ` +
      `but the source cluster (${cluster}) has none; add the registry to the cluster profile`,
    { details: { fields: fields.map((field) => `source.${field}`) } },
  );
}
