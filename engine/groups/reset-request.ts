// The one schema for "reset a group's offsets", shared by the console's form, the IPC call and the
// CLI. Pure zod: the renderer imports it to show field errors before anything is sent.
import { z } from 'zod';

const name = z.string().min(1, 'required');
const offsetEntrySchema = z
  .object({
    topic: name,
    partition: z.number().int('expected a whole number').nonnegative('expected 0 or more'),
    offset: z.number().int('expected a whole number').nonnegative('expected 0 or more'),
  })
  .strict();

/** Where to move the group: `checkpoint` names a Sluice job's checkpoint (its latest when no id). */
export const resetTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('earliest') }).strict(),
  z.object({ kind: z.literal('latest') }).strict(),
  z
    .object({
      kind: z.literal('timestamp'),
      timestamp: z.number({ error: 'expected milliseconds since epoch' }).int().nonnegative(),
    })
    .strict(),
  z
    .object({ kind: z.literal('specific'), offsets: z.array(offsetEntrySchema).min(1, 'list at least one offset') })
    .strict(),
  z
    .object({
      kind: z.literal('checkpoint'),
      job: name,
      checkpointId: z.number().int('expected a whole number').positive('expected 1 or more').optional(),
    })
    .strict(),
]);

export const groupResetRequestSchema = z
  .object({
    groupId: name,
    to: resetTargetSchema,
    /** Only these topics (all their partitions); default: the topics the group has committed offsets for. */
    topics: z.array(name).min(1, 'name at least one topic, or leave it out').optional(),
    /** Specific offsets outside a partition's log: refused (default) or moved to the nearest end with a note. */
    outOfRange: z.enum(['refuse', 'clamp']).default('refuse'),
  })
  .strict()
  .superRefine((request, ctx) => {
    if (request.to.kind !== 'specific') return;
    const seen = new Set<string>();
    request.to.offsets.forEach((entry, index) => {
      const key = `${entry.topic}/${entry.partition}`;
      if (seen.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['to', 'offsets', index],
          message: `${entry.topic}[${entry.partition}] is listed twice`,
        });
      }
      seen.add(key);
    });
  });

export type ResetTarget = z.output<typeof resetTargetSchema>;
export type GroupResetInput = z.input<typeof groupResetRequestSchema>;
export type GroupResetRequest = z.output<typeof groupResetRequestSchema>;

/**
 * Pasted `topic,partition,offset` lines (blank lines and `#` comments skipped) as specific offsets;
 * every bad line is named by its number, so nothing is half read.
 */
export function parseOffsetLines(
  text: string,
): { ok: true; offsets: { topic: string; partition: number; offset: number }[] } | { ok: false; problems: string[] } {
  const offsets: { topic: string; partition: number; offset: number }[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const parts = line.split(',').map((part) => part.trim());
    const [topic, partition, offset] = parts;
    const whole = (s: string | undefined) => s !== undefined && /^\d+$/.test(s);
    if (parts.length !== 3 || !topic || !whole(partition) || !whole(offset)) {
      problems.push(`line ${index + 1}: expected "topic,partition,offset" with whole numbers, got "${line}"`);
      return;
    }
    offsets.push({ topic, partition: Number(partition), offset: Number(offset) });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, offsets };
}

/** A CLI `--to` value: `earliest`, `latest`, `timestamp:<ISO or ms>`, `checkpoint:<job>[:<id>]`. */
export function parseResetTo(value: string): { ok: true; to: ResetTarget } | { ok: false; problem: string } {
  if (value === 'earliest' || value === 'latest') return { ok: true, to: { kind: value } };
  const [kind, ...rest] = value.split(':');
  const arg = rest.join(':');
  if (kind === 'timestamp' && arg !== '') {
    const ms = /^\d+$/.test(arg) ? Number(arg) : Date.parse(arg);
    if (Number.isFinite(ms) && ms >= 0) return { ok: true, to: { kind: 'timestamp', timestamp: ms } };
    return { ok: false, problem: `"${arg}" is not a time: expected ISO 8601 (2024-05-01T12:00:00Z) or milliseconds` };
  }
  if (kind === 'checkpoint' && rest[0]) {
    const id = rest[1];
    if (rest.length > 2 || (id !== undefined && !/^[1-9]\d*$/.test(id))) {
      return { ok: false, problem: `"${value}": expected checkpoint:<job> or checkpoint:<job>:<id>` };
    }
    return { ok: true, to: { kind: 'checkpoint', job: rest[0], ...(id ? { checkpointId: Number(id) } : {}) } };
  }
  return {
    ok: false,
    problem: `"${value}": expected earliest, latest, timestamp:<ISO or ms> or checkpoint:<job>[:<id>]`,
  };
}
