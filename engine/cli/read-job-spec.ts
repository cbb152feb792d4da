import { readFile } from 'node:fs/promises';
import { describeProblems, parseJobSpec, type JobSpec, type SpecProblem } from '../spec/index.js';
import { UsageError } from './exit-codes.js';
import { locateJsonError } from '../spec/json-position.js';

export type SpecReading = { ok: true; spec: JobSpec } | { ok: false; problems: SpecProblem[] };

/** Reads and validates a job spec file; an unreadable file or bad JSON is a UsageError. */
export async function readJobSpec(file: string): Promise<SpecReading> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    const where = locateJsonError(text);
    const detail = where ? `${where.line}:${where.column}: ${where.message}` : (error as Error).message;
    throw new UsageError(`${file}:${detail} (not valid JSON)`, { cause: error });
  }
  const parsed = parseJobSpec(data);
  return parsed.ok ? { ok: true, spec: parsed.value } : { ok: false, problems: parsed.problems };
}

/** Like readJobSpec, but invalid specs are a UsageError listing every problem. */
export async function readValidJobSpec(file: string): Promise<JobSpec> {
  const reading = await readJobSpec(file);
  if (reading.ok) return reading.spec;
  throw new UsageError(invalidSpecMessage(file, reading.problems));
}

export function invalidSpecMessage(file: string, problems: readonly SpecProblem[]): string {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return `${file} is not a valid job spec (${count}):\n${describeProblems(problems)}`;
}
