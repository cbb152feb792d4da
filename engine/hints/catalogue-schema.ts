import { z } from 'zod';
import { HINT_IDS } from '../errors/hint-ids.js';

// The shape of a troubleshooting catalogue entry. The catalogue is data (catalogue.ts); this
// schema is what a unit test holds it to, and what the UI and CLI may rely on.

export const hintSeveritySchema = z.enum(['info', 'warning', 'critical']);
export type HintSeverity = z.infer<typeof hintSeveritySchema>;

/** What a hint card shows beside its text; the tracker collects all of them, an entry picks. */
export const evidenceFieldSchema = z.enum([
  'count',
  'firstAt',
  'lastAt',
  'topics',
  'partitions',
  'brokers',
  'settings',
  'lastMessage',
]);
export type EvidenceField = z.infer<typeof evidenceFieldSchema>;

/** Failures of an SSH connection as engine/transport reports them (details.stage, and a changed key). */
export const sshFailureSchema = z.enum(['connect', 'auth', 'host-key-unknown', 'host-key-changed']);
export type SshFailure = z.infer<typeof sshFailureSchema>;

/** States the engine observes on the cluster or the job, not errors. */
export const observedStateSchema = z.enum([
  'leader-changed',
  'under-replicated',
  'partition-offline',
  'offset-reset',
  'group-rejoin',
  'advertised-broker-unresolvable',
  // A topic the job names is absent from the cluster's metadata (not a leader move).
  'topic-absent',
]);
export type ObservedState = z.infer<typeof observedStateSchema>;

const settingName = z.string().regex(/^[a-z][a-z0-9.]*$/, { error: 'expected a Kafka-style setting name' });

/**
 * One comparison against the settings the job runs with (producer settings from the spec, topic
 * configs from the broker). A rule whose setting is unknown never matches.
 * `lt-setting`: the setting is below the value of the setting named in `value`; `ne-setting`: it
 * differs from that setting's value (both must be known).
 */
export const configRuleSchema = z
  .object({
    setting: settingName,
    op: z.enum(['eq', 'ne', 'lt', 'gt', 'lt-setting', 'ne-setting']),
    value: z.string().min(1),
  })
  .strict();
export type ConfigRule = z.infer<typeof configRuleSchema>;

export const hintMatchersSchema = z
  .object({
    /** Kafka protocol error names as kafkajs spells them (NOT_LEADER_OR_FOLLOWER). */
    kafkaCodes: z
      .array(
        z.string().regex(/^[A-Z][A-Z_]+$/, { error: 'expected a protocol error name like NOT_LEADER_OR_FOLLOWER' }),
      )
      .optional(),
    /** kafkajs client error class names (KafkaJSConnectionError). */
    kafkajsTypes: z.array(z.string().regex(/^KafkaJS[A-Za-z]+$/)).optional(),
    /** Node socket, TLS and file error codes (ECONNREFUSED, CERT_HAS_EXPIRED, ENOSPC). */
    errnos: z.array(z.string().regex(/^[A-Z][A-Z0-9_]+$/)).optional(),
    sshFailures: z.array(sshFailureSchema).optional(),
    /** Texts kafkajs logs when it retries or recovers by itself (matched as substrings). */
    logMessages: z.array(z.string().min(6)).optional(),
    states: z.array(observedStateSchema).optional(),
    /** Any group matches when all of its rules hold. */
    config: z.array(z.array(configRuleSchema).min(1)).optional(),
  })
  .strict();
export type HintMatchers = z.infer<typeof hintMatchersSchema>;

// Kafka's documentation, the OpenSSH manual, or a section of Sluice's README.
const docsLink = z.union([
  z.url({ protocol: /^https$/ }),
  z.string().regex(/^README\.md#[a-z0-9-]+$/, { error: 'expected https://... or README.md#anchor' }),
]);

export const hintEntrySchema = z
  .object({
    id: z.enum(HINT_IDS),
    title: z.string().min(3).max(80),
    /** The likely cause, in a sentence or two. */
    cause: z.string().min(10),
    matchers: hintMatchersSchema,
    evidence: z.array(evidenceFieldSchema).min(1),
    /** Whether the condition usually passes by itself (the client or a restart retries it). */
    retriable: z.boolean(),
    /** What to do; setting names and values in `backticks` (the UI shows them as code). */
    remedy: z.string().min(10),
    severity: hintSeveritySchema,
    docs: docsLink,
  })
  .strict();
export type HintEntry = z.infer<typeof hintEntrySchema>;

export const hintCatalogueSchema = z.array(hintEntrySchema).superRefine((entries, ctx) => {
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    if (seen.has(entry.id))
      ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate id "${entry.id}"` });
    seen.add(entry.id);
    const ticks = entry.remedy.split('`').length - 1;
    if (ticks % 2 !== 0) {
      ctx.addIssue({ code: 'custom', path: [index, 'remedy'], message: 'unbalanced `backticks`' });
    }
  });
});
