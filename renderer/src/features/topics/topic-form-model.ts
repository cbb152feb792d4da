import type { z } from 'zod';
import {
  addPartitionsRequestSchema,
  alterConfigsRequestSchema,
  createTopicRequestSchema,
  deleteTopicRequestSchema,
  type AlterConfigsInput,
  type CreateTopicInput,
} from '../../../../engine/topics/topic-request';
import { parseWith } from '../../../../engine/spec/validation';
import { fieldErrors } from '../../lib/field-errors';

// The topic forms' fields as typed, and the request each makes; the engine's schemas judge them and
// their paths (`partitions`, `configs.retention.ms`) key the errors shown beside the fields, the
// same paths the broker's refusals come back with.

export interface ConfigRow {
  name: string;
  value: string;
}

export interface CreateTopicForm {
  topic: string;
  /** '' leaves it to the `like` topic or the broker's default. */
  partitions: string;
  replicationFactor: string;
  /** '' for none. */
  like: string;
  configs: ConfigRow[];
}

export type Built<T> = { ok: true; request: T } | { ok: false; errors: Record<string, string> };

export function emptyCreateForm(prefill: { topic?: string; partitions?: number } = {}): CreateTopicForm {
  return {
    topic: prefill.topic ?? '',
    partitions: prefill.partitions === undefined ? '' : String(prefill.partitions),
    replicationFactor: '',
    like: '',
    configs: [],
  };
}

/** A whole number typed in a field, '' as absent, or the message for the field. */
function wholeNumber(text: string): number | undefined | string {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : `"${trimmed}" is not a whole number`;
}

/** Config rows as a map; blank rows are skipped, a name given twice is an error on that name. */
export function configsFromRows(rows: readonly ConfigRow[]): Built<Record<string, string>> {
  const configs: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const row of rows) {
    const name = row.name.trim();
    if (name === '' && row.value.trim() === '') continue;
    if (name === '') {
      errors['configs'] = `a value "${row.value}" has no config name`;
      continue;
    }
    if (name in configs) errors[`configs.${name}`] = `${name} is listed twice`;
    configs[name] = row.value.trim();
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, request: configs };
}

export function createRequestFromForm(form: CreateTopicForm): Built<CreateTopicInput> {
  const errors: Record<string, string> = {};
  const partitions = wholeNumber(form.partitions);
  const replicationFactor = wholeNumber(form.replicationFactor);
  if (typeof partitions === 'string') errors['partitions'] = partitions;
  if (typeof replicationFactor === 'string') errors['replicationFactor'] = replicationFactor;
  const configs = configsFromRows(form.configs);
  if (!configs.ok) Object.assign(errors, configs.errors);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return judged(createTopicRequestSchema, {
    topic: form.topic.trim(),
    ...(typeof partitions === 'number' ? { partitions } : {}),
    ...(typeof replicationFactor === 'number' ? { replicationFactor } : {}),
    configs: configs.ok ? configs.request : {},
    ...(form.like === '' ? {} : { like: form.like }),
  });
}

/** Set one override (an edited value), or reset it to the default when `value` is null. */
export function alterRequest(topic: string, name: string, value: string | null): Built<AlterConfigsInput> {
  return judged(
    alterConfigsRequestSchema,
    value === null ? { topic, reset: [name] } : { topic, configs: { [name.trim()]: value.trim() } },
  );
}

export function addPartitionsRequest(
  topic: string,
  text: string,
  current: number,
): Built<{ topic: string; partitions: number }> {
  const partitions = wholeNumber(text);
  if (partitions === undefined) return { ok: false, errors: { partitions: 'give the new partition count' } };
  if (typeof partitions === 'string') return { ok: false, errors: { partitions } };
  // The engine refuses this too; saying it here spares a round trip.
  if (partitions <= current) {
    return {
      ok: false,
      errors: { partitions: `the topic has ${current}; Kafka can only add partitions: give more than ${current}` },
    };
  }
  return judged(addPartitionsRequestSchema, { topic, partitions });
}

export function deleteRequest(topic: string, confirm: string): Built<{ topic: string; confirm: string }> {
  return judged(deleteTopicRequestSchema, { topic, confirm });
}

/** The input as sent (main parses it again), once the schema accepts it; else its problems by path. */
function judged<S extends z.ZodType>(schema: S, input: z.input<S>): Built<z.input<S>> {
  const parsed = parseWith(schema, input);
  return parsed.ok ? { ok: true, request: input } : { ok: false, errors: fieldErrors(parsed.problems) };
}
