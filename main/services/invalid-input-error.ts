import type { SpecProblem } from '../../engine/spec/index';

/** Input refused as a whole; each problem names its field by path so a form can show it in place. */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInput';
  readonly problems: SpecProblem[];

  constructor(what: string, problems: SpecProblem[]) {
    super(`${what}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    this.problems = problems;
  }
}

export class NotFoundError extends Error {
  override readonly name = 'NotFound';
}
