import { SluiceError } from '../errors/index.js';

export interface ReportProblem {
  /** 1-based line in the file; undefined for problems of the whole file. */
  line?: number;
  message: string;
}

/** A report that cannot be imported: every problem found, each with its line. Nothing was applied. */
export class ReportFormatError extends SluiceError {
  readonly problems: readonly ReportProblem[];

  constructor(source: string, problems: readonly ReportProblem[]) {
    const shown = problems.slice(0, MAX_SHOWN).map(describeProblem);
    const more = problems.length > MAX_SHOWN ? [`... and ${problems.length - MAX_SHOWN} more`] : [];
    super(
      `${source} is not a valid offset report (${problems.length === 1 ? '1 problem' : `${problems.length} problems`}); nothing was applied:\n${[...shown, ...more].join('\n')}`,
      { hintId: 'spec-invalid', retriable: false, details: { file: source, problems: problems.slice(0, 100) } },
    );
    this.problems = problems;
  }
}

const MAX_SHOWN = 20;

export function describeProblem(problem: ReportProblem): string {
  return problem.line === undefined ? problem.message : `line ${problem.line}: ${problem.message}`;
}
