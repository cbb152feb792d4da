import { z } from 'zod';

/** Formats in the Schema Registry wire format: decoding needs the cluster's registry. */
export const registryFormatSchema = z.enum(['avro', 'protobuf', 'json-schema']);
export type RegistryFormat = z.infer<typeof registryFormatSchema>;
export const isRegistryFormat = (format: string): format is RegistryFormat =>
  (registryFormatSchema.options as readonly string[]).includes(format);
