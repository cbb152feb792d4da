import { z } from 'zod';
import { PAYLOAD_FORMATS, payloadProblem } from './payload-format.js';

export const payloadFormatSchema = z.enum(PAYLOAD_FORMATS);

/**
 * A payload as typed: its text and how to read it. Absent (or null) is no payload: no key, or for
 * a value a tombstone. The format is checked here, so a wrong JSON names its line and column.
 */
const payloadSchema = z
  .object({ text: z.string(), format: payloadFormatSchema.default('string') })
  .strict()
  .superRefine((payload, ctx) => {
    const problem = payloadProblem(payload.text, payload.format);
    if (problem) ctx.addIssue({ code: 'custom', path: ['text'], message: problem });
  });
export type PayloadInput = z.output<typeof payloadSchema>;

const headerSchema = z
  .object({
    name: z.string().min(1, { error: 'a header needs a name' }),
    /** Null: a header without a value, as Kafka allows. */
    value: payloadSchema.nullable(),
  })
  .strict();

/**
 * One record to produce, shared by the console's form, its IPC call and `sluice produce`. Without
 * a partition the producer's default partitioner places it: murmur2 of the key (as Java's client
 * and librdkafka's murmur2 partitioners do), round-robin for a record without a key.
 */
export const produceRequestSchema = z
  .object({
    topic: z.string().min(1, { error: 'expected a topic name' }),
    partition: z.number().int().nonnegative().optional(),
    key: payloadSchema.nullable().optional(),
    value: payloadSchema.nullable().optional(),
    headers: z.array(headerSchema).default([]),
    /** Milliseconds since the epoch; default: now (the producer's clock). */
    timestamp: z.number().int().nonnegative().optional(),
  })
  .strict();
export type ProduceRequest = z.output<typeof produceRequestSchema>;
export type ProduceRequestInput = z.input<typeof produceRequestSchema>;

/** Where the record was written. */
export interface ProducedRecord {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
}
