/** One part of a job that cannot be carried into the exported script. */
export interface ExportProblem {
  /** Where in the job spec, e.g. `transform.filter` or `source.startFrom`. */
  path: string;
  /** 1-based line and column inside an expression, for problems in a transform. */
  line?: number;
  column?: number;
  /** The untranslated text (an expression or a setting), shown in a TODO comment under --allow-todo. */
  text: string;
  message: string;
}

/** `path:line:column: message`, one problem per line. */
export function describeExportProblem(problem: ExportProblem): string {
  const where = problem.line === undefined ? problem.path : `${problem.path}:${problem.line}:${problem.column ?? 1}`;
  return `${where}: ${problem.message}`;
}

/** The 1-based line and column of a 0-based character index in a text. */
export function lineColumn(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(index, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}
