import { z } from 'zod';
import { jobSpecSchema, type JobSpec } from './job-spec.js';
import { parseWith, type Parsed } from './validation.js';

export * from './job-spec.js';
export * from './max-in-flight.js';
export * from './validation.js';
export * from './topic-pattern.js';
export * from './re2.js';

export function parseJobSpec(input: unknown): Parsed<JobSpec> {
  return parseWith(jobSpecSchema, input);
}

/** The JSON Schema that `sluice schema` prints and editors can use for completion. */
export function jobSpecJsonSchema(): unknown {
  return z.toJSONSchema(jobSpecSchema, { io: 'input', unrepresentable: 'any' });
}
