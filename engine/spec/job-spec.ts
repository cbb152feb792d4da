import { z } from 'zod';
import { compressionNames } from '../codecs/compression-names.js';
import { expressionRegexProblem } from './expression-regexes.js';
import { jsonataModule } from './jsonata-module.js';
import { IDEMPOTENT_MAX_IN_FLIGHT } from './max-in-flight.js';
import { re2Problem } from './re2.js';
import { registryFormatSchema } from './registry-format.js';
import { writeSchemaSchema } from './write-schema.js';

// The job definition: one schema shared by the CLI, the IPC layer and the UI form.
// Defaults follow the Flink Kafka connector unless a safer operator default is stated.

export const JOB_SPEC_VERSION = 1;

const ms = (what = 'milliseconds since epoch') =>
  z
    .number({ error: `expected ${what}` })
    .int({ error: `expected ${what}` })
    .nonnegative({ error: `expected ${what}` });

const name = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, { error: 'expected 1-100 letters, digits, ".", "_" or "-"' });

const hostPort = z.string().regex(/^[^\s:]+:\d{1,5}$/, { error: 'expected host:port' });

export const topicPartitionOffsetSchema = z
  .object({
    topic: z.string().min(1, { error: 'expected a topic name' }),
    partition: z.number().int().nonnegative({ error: 'expected a partition number >= 0' }),
    offset: z.number().int().nonnegative({ error: 'expected an offset >= 0' }),
  })
  .strict();
export type TopicPartitionOffset = z.infer<typeof topicPartitionOffsetSchema>;

/** Where a cluster is: a named profile (issue: cluster connections) or inline bootstrap servers. */
export const clusterRefSchema = z.union([
  z.object({ profile: z.string().min(1) }).strict(),
  z
    .object({
      bootstrapServers: z.array(hostPort).min(1, { error: 'expected at least one host:port' }),
      clientId: z.string().min(1).optional(),
      connectionTimeoutMs: z.number().int().positive().optional(),
      requestTimeoutMs: z.number().int().positive().optional(),
    })
    .strict(),
]);
export type ClusterRef = z.infer<typeof clusterRefSchema>;

export const offsetResetSchema = z.enum(['earliest', 'latest', 'none']);
export type OffsetReset = z.infer<typeof offsetResetSchema>;

export const startFromSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('earliest') }).strict(),
  z.object({ mode: z.literal('latest') }).strict(),
  z.object({ mode: z.literal('timestamp'), timestamp: ms() }).strict(),
  // Flink's committedOffsets() defaults to NONE: failing loudly beats a silent full replay.
  z.object({ mode: z.literal('group-offsets'), fallback: offsetResetSchema.default('none') }).strict(),
  // Flink's offsets(map) defaults to EARLIEST for unlisted and out-of-range partitions.
  z
    .object({
      mode: z.literal('specific-offsets'),
      offsets: z.array(topicPartitionOffsetSchema),
      fallback: offsetResetSchema.default('earliest'),
    })
    .strict(),
]);
export type StartFrom = z.infer<typeof startFromSchema>;

export const stopAtSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('latest') }).strict(),
  z.object({ mode: z.literal('timestamp'), timestamp: ms() }).strict(),
  z.object({ mode: z.literal('specific-offsets'), offsets: z.array(topicPartitionOffsetSchema).min(1) }).strict(),
]);
export type StopAt = z.infer<typeof stopAtSchema>;

// Topic patterns run on RE2 (topic-pattern.ts): refuse here what it cannot run, with its reason.
const regexSource = z.string().superRefine((value, ctx) => {
  const problem = re2Problem(value);
  if (problem !== undefined) {
    ctx.addIssue({ code: 'custom', message: `invalid regular expression (RE2 syntax): ${problem}` });
  }
});

// Regex literals must also run on RE2, as they do in a job (expression-regexes.ts).
export const jsonataExpressionSchema = z.string().superRefine((value, ctx) => {
  let e: { message: string; position?: number } | undefined;
  try {
    e = expressionRegexProblem(jsonataModule()(value));
  } catch (error) {
    e = error as { message: string; position?: number };
  }
  if (e !== undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `invalid JSONata expression${e.position === undefined ? '' : ` at ${e.position}`}: ${e.message}`,
    });
  }
});

export { registryFormatSchema, isRegistryFormat, type RegistryFormat } from './registry-format.js';
export * from './write-schema.js';

export const formatSchema = z.enum(['string', 'json', 'bytes', ...registryFormatSchema.options]);
export type RecordFormat = z.infer<typeof formatSchema>;

/** What a record that does not decode (or that a transform cannot evaluate) does to the job. */
export const decodeErrorPolicySchema = z.enum(['fail', 'skip', 'dead-letter']);
export type DecodeErrorPolicy = z.infer<typeof decodeErrorPolicySchema>;

/** Where `dead-letter` keeps such records: a topic on the source's cluster, or an NDJSON file. */
export const deadLetterSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('kafka'), topic: z.string().min(1, { error: 'expected a topic name' }) }).strict(),
  z.object({ type: z.literal('file'), path: z.string().min(1, { error: 'expected a file path' }) }).strict(),
]);
export type DeadLetterSpec = z.infer<typeof deadLetterSchema>;

export const sourceSchema = z
  .object({
    cluster: clusterRefSchema,
    topics: z.array(z.string().min(1)).min(1, { error: 'expected at least one topic' }).optional(),
    topicPattern: regexSource.optional(),
    groupId: z.string().min(1, { error: 'expected a consumer group id' }),
    startFrom: startFromSchema.default({ mode: 'earliest' }),
    stopAt: stopAtSchema.optional(),
    // Flink's partition.discovery.interval.ms default; zero or less turns discovery off.
    discoveryIntervalMs: z.number().int().default(300_000),
    isolationLevel: z.enum(['read_committed', 'read_uncommitted']).default('read_committed'),
    keyFormat: formatSchema.default('string'),
    valueFormat: formatSchema.default('string'),
    // Flink fails on a record it cannot parse unless told to ignore it (json.ignore-parse-errors).
    onDecodeError: decodeErrorPolicySchema.default('fail'),
    deadLetter: deadLetterSchema.optional(),
  })
  .strict()
  .superRefine((source, ctx) => {
    if ((source.topics === undefined) === (source.topicPattern === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['topics'], message: 'expected exactly one of "topics" or "topicPattern"' });
    }
    if (source.onDecodeError === 'dead-letter' && source.deadLetter === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['deadLetter'],
        message:
          'required when onDecodeError is "dead-letter": {"type": "kafka", "topic": ...} or {"type": "file", "path": ...}',
      });
    }
    if (source.onDecodeError !== 'dead-letter' && source.deadLetter !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['onDecodeError'],
        message: `is "${source.onDecodeError}", so deadLetter would never be used; set it to "dead-letter"`,
      });
    }
  });
export type SourceSpec = z.infer<typeof sourceSchema>;

export const transformSchema = z
  .object({
    /** JSONata over {key, value, headers, timestamp, topic, partition, offset}; a falsy result drops the record. */
    filter: jsonataExpressionSchema.optional(),
    /** JSONata returning an object whose key/value/headers/timestamp replace the record's. */
    map: jsonataExpressionSchema.optional(),
  })
  .strict();
export type TransformSpec = z.infer<typeof transformSchema>;

export const deliveryGuaranteeSchema = z.enum(['none', 'at-least-once', 'exactly-once']);
export type DeliveryGuarantee = z.infer<typeof deliveryGuaranteeSchema>;

export const kafkaSinkSchema = z
  .object({
    type: z.literal('kafka'),
    /** Defaults to the source's cluster. */
    cluster: clusterRefSchema.optional(),
    topic: z.string().min(1, { error: 'expected a topic name' }),
    key: z.enum(['source', 'none']).default('source'),
    partitioner: z.enum(['murmur2', 'source-partition']).default('murmur2'),
    writeTimestamp: z.boolean().default(false),
    acks: z.union([z.literal('all'), z.literal(1), z.literal(0)]).default('all'),
    retries: z.number().int().nonnegative().default(10),
    /** Unset: 5 for an idempotent producer, 1 otherwise (max-in-flight.ts). */
    maxInFlightRequests: z.number().int().positive().optional(),
    idempotent: z.boolean().default(true),
    compression: z.enum(compressionNames).default('none'),
    deliveryGuarantee: deliveryGuaranteeSchema.default('at-least-once'),
    transactionalIdPrefix: z.string().min(1).optional(),
    transactionTimeoutMs: z.number().int().positive().default(60_000),
    /** Encodes a mapped key or value with a Schema Registry schema (engine/spec/write-schema.ts). */
    keySchema: writeSchemaSchema.optional(),
    valueSchema: writeSchemaSchema.optional(),
  })
  .strict()
  .superRefine((sink, ctx) => {
    if (sink.key === 'none' && sink.keySchema !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['keySchema'],
        message: 'sink.key is "none", so no key is written and keySchema would never be used',
      });
    }
    if (sink.deliveryGuarantee === 'exactly-once' && !sink.transactionalIdPrefix) {
      ctx.addIssue({
        code: 'custom',
        path: ['transactionalIdPrefix'],
        message: 'required when deliveryGuarantee is "exactly-once"',
      });
    }
    if ((sink.idempotent || sink.deliveryGuarantee === 'exactly-once') && sink.acks !== 'all') {
      ctx.addIssue({
        code: 'custom',
        path: ['acks'],
        message: 'must be "all" for an idempotent or exactly-once producer',
      });
    }
    if (
      (sink.idempotent || sink.deliveryGuarantee === 'exactly-once') &&
      (sink.maxInFlightRequests ?? 0) > IDEMPOTENT_MAX_IN_FLIGHT
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxInFlightRequests'],
        message: `must be at most ${IDEMPOTENT_MAX_IN_FLIGHT} for an idempotent or exactly-once producer (brokers deduplicate only a producer's last ${IDEMPOTENT_MAX_IN_FLIGHT} batches per partition)`,
      });
    }
    if (sink.deliveryGuarantee === 'exactly-once' && !sink.idempotent) {
      ctx.addIssue({
        code: 'custom',
        path: ['idempotent'],
        message: 'must be true when deliveryGuarantee is "exactly-once"',
      });
    }
  });
export type KafkaSinkSpec = z.infer<typeof kafkaSinkSchema>;

export const fileSinkSchema = z
  .object({
    type: z.literal('file'),
    path: z.string().min(1, { error: 'expected a file path' }),
  })
  .strict();
export type FileSinkSpec = z.infer<typeof fileSinkSchema>;

export const noneSinkSchema = z.object({ type: z.literal('none') }).strict();

export const sinkSchema = z.discriminatedUnion('type', [kafkaSinkSchema, fileSinkSchema, noneSinkSchema]);
export type SinkSpec = z.infer<typeof sinkSchema>;

export const checkpointSchema = z
  .object({
    intervalMs: z.number().int().min(100, { error: 'expected at least 100 ms' }).default(5_000),
    retain: z.number().int().min(1).max(1000).default(3),
    commitOffsetsOnCheckpoint: z.boolean().default(true),
  })
  .strict();
export type CheckpointSpec = z.infer<typeof checkpointSchema>;

export const restartSchema = z.discriminatedUnion('strategy', [
  z.object({ strategy: z.literal('none') }).strict(),
  z
    .object({
      strategy: z.literal('fixed-delay'),
      delayMs: z.number().int().nonnegative().default(5_000),
      maxAttempts: z.number().int().positive().default(10),
    })
    .strict(),
  z
    .object({
      strategy: z.literal('exponential-backoff'),
      initialDelayMs: z.number().int().positive().default(1_000),
      maxDelayMs: z.number().int().positive().default(60_000),
      multiplier: z.number().min(1).default(2),
      maxAttempts: z.number().int().positive().default(10),
    })
    .strict(),
]);
export type RestartSpec = z.infer<typeof restartSchema>;

export const limitsSchema = z
  .object({
    /** The heap of the process the job runs in, in the app (not the CLI); past it the job fails alone. */
    memoryMb: z.number().int().min(64, { error: 'expected at least 64 MiB' }).default(1_024),
  })
  .strict();
export type LimitsSpec = z.infer<typeof limitsSchema>;

export const jobSpecSchema = z
  .object({
    version: z.literal(JOB_SPEC_VERSION, { error: `expected ${JOB_SPEC_VERSION}` }),
    name,
    description: z.string().optional(),
    source: sourceSchema,
    transform: transformSchema.optional(),
    sink: sinkSchema,
    checkpoint: checkpointSchema.default({ intervalMs: 5_000, retain: 3, commitOffsetsOnCheckpoint: true }),
    restart: restartSchema.default({
      strategy: 'exponential-backoff',
      initialDelayMs: 1_000,
      maxDelayMs: 60_000,
      multiplier: 2,
      maxAttempts: 10,
    }),
    limits: limitsSchema.default({ memoryMb: 1_024 }),
  })
  .strict();

/** A validated job spec with every default filled in. */
export type JobSpec = z.infer<typeof jobSpecSchema>;
/** What an operator writes: defaults may be left out. */
export type JobSpecInput = z.input<typeof jobSpecSchema>;
