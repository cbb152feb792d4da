// What the editor offers, read from the job spec schema itself: the options of each choice, its
// default, and which keys each variant of a union has. Nothing here restates a rule.
import { z } from 'zod';
import {
  checkpointSchema,
  deadLetterSchema,
  jobSpecSchema,
  limitsSchema,
  kafkaSinkSchema,
  restartSchema,
  sinkSchema,
  sourceSchema,
  startFromSchema,
  stopAtSchema,
} from '../../../../../engine/spec/index';

export type Choice = string | number | boolean;

function unwrap(schema: z.ZodType): z.ZodType {
  let at: z.ZodType = schema;
  while (at instanceof z.ZodDefault || at instanceof z.ZodOptional) at = at.unwrap() as z.ZodType;
  return at;
}

/** The values a field may take: an enum's options, a union of literals' values. */
export function choicesOf(schema: z.ZodType): Choice[] {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodEnum) return inner.options as Choice[];
  if (inner instanceof z.ZodLiteral) return [...inner.values] as Choice[];
  if (inner instanceof z.ZodUnion) return (inner.options as z.ZodType[]).flatMap(choicesOf);
  if (inner instanceof z.ZodBoolean) return [true, false];
  return [];
}

/** The value the schema fills in when the key is left out; undefined when it has none. */
export function defaultOf(schema: z.ZodType): unknown {
  let at: z.ZodType = schema;
  while (at instanceof z.ZodOptional) at = at.unwrap() as z.ZodType;
  return at instanceof z.ZodDefault ? (at.def.defaultValue as unknown) : undefined;
}

type Variants = z.ZodDiscriminatedUnion<z.ZodObject[]>;

/** A discriminated union's variants by their discriminator value. */
function variants(union: Variants, key: string): Map<string, z.ZodObject> {
  return new Map(union.options.map((option) => [String((option.shape[key] as z.ZodLiteral).value), option]));
}

export interface UnionInfo {
  key: string;
  names: string[];
  /** The keys of the variant besides the discriminator. */
  keysOf(name: string): string[];
  /** The schema of one field of a variant, for its choices and default. */
  fieldOf(name: string, field: string): z.ZodType;
  /** The variant that applies when the spec leaves the object out, if the schema has a default. */
  defaultName: string | undefined;
}

function unionInfo(union: Variants, key: string, fallback?: unknown): UnionInfo {
  const map = variants(union, key);
  const fallbackName = (fallback as Record<string, unknown> | undefined)?.[key];
  return {
    key,
    names: [...map.keys()],
    keysOf: (name) => Object.keys(map.get(name)?.shape ?? {}).filter((k) => k !== key),
    fieldOf: (name, field) => (map.get(name)?.shape[field] as z.ZodType | undefined) ?? z.never(),
    defaultName: typeof fallbackName === 'string' ? fallbackName : undefined,
  };
}

const { shape: source } = sourceSchema;
const { shape: kafkaSink } = kafkaSinkSchema;
const { shape: job } = jobSpecSchema;

export const unions = {
  startFrom: unionInfo(startFromSchema, 'mode', defaultOf(source.startFrom)),
  stopAt: unionInfo(stopAtSchema, 'mode'),
  deadLetter: unionInfo(deadLetterSchema, 'type'),
  sink: unionInfo(sinkSchema as unknown as Variants, 'type'),
  restart: unionInfo(restartSchema, 'strategy', defaultOf(job.restart)),
};

/** Per field of each part of the spec: what to offer and what applies when left out. */
export const sourceFields = source;
export const kafkaSinkFields = kafkaSink;
export const checkpointFields = checkpointSchema.shape;
export const limitsFields = limitsSchema.shape;
