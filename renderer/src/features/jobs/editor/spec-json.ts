// The JSON view's text: the draft pretty-printed, and typed text read back. Text that is not
// JSON is named by line and column and kept as typed; the draft keeps its last good value.
import { locateJsonError } from '../../../../../engine/spec/json-position';
import type { Draft } from './spec-draft';

export const specText = (draft: Draft): string => `${JSON.stringify(draft, null, 2)}\n`;

export type SpecTextRead = { ok: true; value: Draft } | { ok: false; line: number; column: number; message: string };

export function readSpecText(text: string): SpecTextRead {
  const problem = locateJsonError(text);
  if (problem) return { ok: false, line: problem.line, column: problem.column, message: problem.message };
  const value: unknown = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const found = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    const before = text.slice(0, text.length - text.trimStart().length).split('\n');
    const line = before.length;
    const column = before[before.length - 1]!.length + 1;
    return { ok: false, line, column, message: `expected a JSON object (the job spec), found ${found}` };
  }
  return { ok: true, value: value as Draft };
}

export const describeTextProblem = (read: Extract<SpecTextRead, { ok: false }>): string =>
  `line ${read.line}, column ${read.column}: ${read.message}`;
