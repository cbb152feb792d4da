// The one schema for each topic administration request (create, delete, add partitions, alter
// configs), shared by the console's forms, the IPC calls and `sluice topics`. Pure zod: the renderer
// imports it to show field errors before anything is sent.
import { z } from 'zod';

/** Kafka's own rule (kafka.common.internals.Topic): 1-249 of [a-zA-Z0-9._-], not "." or "..". */
export const topicNameSchema = z
  .string()
  .min(1, 'required')
  .max(249, 'at most 249 characters')
  .regex(/^[a-zA-Z0-9._-]+$/, 'only letters, digits, ".", "_" and "-"')
  .refine((name) => name !== '.' && name !== '..', '"." and ".." are not topic names');

const wholeAtLeastOne = (what: string) =>
  z
    .number({ error: `expected the number of ${what}` })
    .int('expected a whole number')
    .min(1, 'expected 1 or more');

/** Topic config overrides by name (`retention.ms` → `"86400000"`); values are strings, as Kafka takes them. */
export const topicConfigsSchema = z.record(
  z.string().regex(/^[a-z0-9.]+$/, 'a config name is lower case, digits and dots, e.g. retention.ms'),
  z.string().min(1, 'give a value, or leave the config out to keep the default'),
);

export const createTopicRequestSchema = z
  .object({
    topic: topicNameSchema,
    /** Default: the `like` topic's count, else the broker's `num.partitions`. */
    partitions: wholeAtLeastOne('partitions').optional(),
    /** Default: the `like` topic's, else the broker's `default.replication.factor`. */
    replicationFactor: wholeAtLeastOne('replicas').optional(),
    /** Overrides; with `like`, these win over the copied ones. */
    configs: topicConfigsSchema.default({}),
    /** Copy this topic's partition count, replication factor and config overrides. */
    like: topicNameSchema.optional(),
  })
  .strict()
  .refine((r) => r.like !== r.topic, { path: ['like'], message: 'a topic cannot be created like itself' });

/** Deleting asks for the name typed again: `confirm` must equal `topic`. */
export const deleteTopicRequestSchema = z
  .object({ topic: topicNameSchema, confirm: z.string() })
  .strict()
  .refine((r) => r.confirm === r.topic, { path: ['confirm'], message: 'type the topic name exactly to confirm' });

/** The new total partition count; Kafka can only add partitions, never remove them. */
export const addPartitionsRequestSchema = z
  .object({ topic: topicNameSchema, partitions: wholeAtLeastOne('partitions') })
  .strict();

/** Set some overrides and return others to their default; every other override stays as it is. */
export const alterConfigsRequestSchema = z
  .object({
    topic: topicNameSchema,
    configs: topicConfigsSchema.default({}),
    /** Overrides to remove, so the config falls back to the broker's value. */
    reset: z.array(z.string().min(1)).default([]),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (Object.keys(r.configs).length === 0 && r.reset.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['configs'],
        message: 'nothing to change: set or reset at least one config',
      });
    }
    r.reset.forEach((name, index) => {
      if (name in r.configs) {
        ctx.addIssue({ code: 'custom', path: ['reset', index], message: `${name} is both set and reset` });
      }
    });
  });

export type CreateTopicInput = z.input<typeof createTopicRequestSchema>;
export type CreateTopicRequest = z.output<typeof createTopicRequestSchema>;
export type DeleteTopicRequest = z.output<typeof deleteTopicRequestSchema>;
export type AddPartitionsRequest = z.output<typeof addPartitionsRequestSchema>;
export type AlterConfigsInput = z.input<typeof alterConfigsRequestSchema>;
export type AlterConfigsRequest = z.output<typeof alterConfigsRequestSchema>;

/**
 * `name=value` pairs from the command line (`--config retention.ms=1000`); every bad one is named.
 * The first `=` splits, so values may hold `=`.
 */
export function parseConfigPairs(
  pairs: readonly string[],
): { ok: true; configs: Record<string, string> } | { ok: false; problems: string[] } {
  const configs: Record<string, string> = {};
  const problems: string[] = [];
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) {
      problems.push(`"${pair}": expected name=value, e.g. retention.ms=86400000`);
      continue;
    }
    const name = pair.slice(0, at).trim();
    if (name in configs) problems.push(`${name} is given twice`);
    configs[name] = pair.slice(at + 1);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, configs };
}
