import type jsonata from 'jsonata';
import { ConfigError, RecordError, type RecordStage } from '../errors/index.js';
import type { TransformSpec } from '../spec/index.js';
import { jsonataModule } from '../spec/jsonata-module.js';
import { Re2RegexEngine } from './re2-regex-engine.js';
import {
  DEFAULT_TRANSFORM_BUDGET,
  meterFor,
  meterSteps,
  TransformBudgetError,
  type TransformBudget,
} from './transform-budget.js';

/** What a filter or map expression sees: one record, with key and value decoded per the source formats. */
export interface TransformInput {
  key: unknown;
  value: unknown;
  headers: Record<string, string | null | (string | null)[]>;
  timestamp: number;
  topic: string;
  partition: number;
  offset: number;
}

/** The fields a map replaced. A field left out passes the record's own through unchanged. */
export interface MappedFields {
  key?: unknown;
  value?: unknown;
  headers?: Record<string, string>;
  timestamp?: number;
}

export type TransformResult = { keep: false } | { keep: true; mapped?: MappedFields };

const DROP: TransformResult = { keep: false };
const KEEP: TransformResult = { keep: true };

type Expression = ReturnType<typeof jsonata>;
type Which = 'filter' | 'map';

/**
 * JSONata filter and map, compiled once per job. JSONata is a query language evaluated by its own
 * interpreter: an expression cannot reach the process, so operators' expressions are never run as JS.
 * Each evaluation has a time and depth budget (transform-budget.ts), so none can run forever.
 */
export class RecordTransform {
  readonly #filter: Expression | undefined;
  readonly #map: Expression | undefined;
  readonly #budget: TransformBudget;

  private constructor(spec: TransformSpec, budget: TransformBudget) {
    this.#filter = spec.filter === undefined ? undefined : compile('filter', spec.filter);
    this.#map = spec.map === undefined ? undefined : compile('map', spec.map);
    this.#budget = budget;
  }

  /** Undefined when the spec has nothing to do, so the pipeline can skip decoding for it. */
  static compile(
    spec: TransformSpec | undefined,
    budget: TransformBudget = DEFAULT_TRANSFORM_BUDGET,
  ): RecordTransform | undefined {
    if (!spec || (spec.filter === undefined && spec.map === undefined)) return undefined;
    return new RecordTransform(spec, budget);
  }

  async apply(input: TransformInput): Promise<TransformResult> {
    if (this.#filter && !isTruthy(await this.#evaluate(this.#filter, 'filter', input))) return DROP;
    if (!this.#map) return KEEP;
    const result = await this.#evaluate(this.#map, 'map', input);
    return { keep: true, mapped: toMappedFields(result, input) };
  }

  async #evaluate(expression: Expression, which: Which, input: TransformInput): Promise<unknown> {
    const path: RecordStage = `transform.${which}`;
    const { meter, bindings } = meterFor(this.#budget);
    try {
      return await expression.evaluate(input, bindings);
    } catch (error) {
      const over = meter.exceeded;
      if (over) {
        throw new TransformBudgetError(
          `${path} ${over.reason} on the record of ${where(input)}, at character ${over.position} of the expression`,
          input,
          path,
          { cause: over, details: { expression: which, position: over.position } },
        );
      }
      const position = (error as { position?: unknown }).position;
      throw new RecordError(
        `${path} failed on the record of ${where(input)}: ${(error as Error).message}` +
          (typeof position === 'number' ? ` (at character ${position} of the expression)` : ''),
        input,
        path,
        { cause: error, details: { expression: which, ...(typeof position === 'number' ? { position } : {}) } },
      );
    }
  }
}

function compile(which: Which, source: string): Expression {
  const path = `transform.${which}`;
  try {
    const expression = jsonataModule()(source, { RegexEngine: Re2RegexEngine as unknown as RegExpConstructor });
    meterSteps(expression);
    return expression;
  } catch (error) {
    // The spec schema already compiled it once; this only guards specs built without parseJobSpec.
    throw new ConfigError(`${path}: invalid JSONata expression: ${(error as Error).message}`, { cause: error });
  }
}

const where = (input: TransformInput) => `${input.topic}[${input.partition}] at offset ${input.offset}`;

// JSONata's own notion of false: an empty sequence and the falsy scalars drop the record.
function isTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(isTruthy);
  return Boolean(value);
}

function toMappedFields(result: unknown, input: TransformInput): MappedFields {
  if (result === null || typeof result !== 'object' || Array.isArray(result)) {
    throw new RecordError(
      `transform.map must return an object with any of key, value, headers, timestamp; ` +
        `it returned ${describe(result)} for the record of ${where(input)}`,
      input,
      'transform.map',
    );
  }
  const out = result as Record<string, unknown>;
  const mapped: MappedFields = {};
  if (out.key !== undefined) mapped.key = out.key;
  if (out.value !== undefined) mapped.value = out.value;
  if (out.headers !== undefined) mapped.headers = toHeaders(out.headers, input);
  if (out.timestamp !== undefined) mapped.timestamp = toTimestamp(out.timestamp, input);
  return mapped;
}

function toHeaders(value: unknown, input: TransformInput): Record<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new RecordError(
      `transform.map returned headers that are not an object for the record of ${where(input)}`,
      input,
      'transform.map',
    );
  }
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      typeof v === 'string' ? v : JSON.stringify(v),
    ]),
  );
}

function toTimestamp(value: unknown, input: TransformInput): number {
  const ms = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < 0) {
    throw new RecordError(
      `transform.map returned timestamp ${describe(value)} for the record of ${where(input)}; expected milliseconds since epoch`,
      input,
      'transform.map',
    );
  }
  return ms;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
