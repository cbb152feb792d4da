import { isCopyPathFinding } from '../../../engine/lint/copy-path-rules';
import type { LintReport } from '../../../engine/lint/index';
import type { JobSpec } from '../../../engine/spec/index';
import { NotFoundError } from '../invalid-input-error';

export interface LintServiceDeps {
  /** The saved job specs (SettingsService). */
  getJob(name: string): JobSpec | undefined;
  /** engine/lint's lintJob bound to the app's cluster resolver; injected so specs need no broker. */
  lint(spec: JobSpec): Promise<LintReport>;
}

/** Lints saved jobs on demand (the Lint button) and before they start (findings become job warnings). */
export class LintService {
  readonly #deps: LintServiceDeps;

  constructor(deps: LintServiceDeps) {
    this.#deps = deps;
  }

  async lint(name: string): Promise<LintReport> {
    const spec = this.#deps.getJob(name);
    if (!spec) throw new NotFoundError(`no job named "${name}"`);
    return this.#deps.lint(spec);
  }

  /** A spec not saved yet (the job editor). */
  lintSpec(spec: JobSpec): Promise<LintReport> {
    return this.#deps.lint(spec);
  }

  /** One warning line per finding, for the job's event list when it starts. */
  async startWarnings(spec: JobSpec): Promise<string[]> {
    const report = await this.#deps.lint(spec);
    // The job page shows the copy path the run takes; lint's view of it is not a warning.
    return report.findings
      .filter((f) => !isCopyPathFinding(f))
      .map((f) => `lint ${f.severity}: ${f.message} (${f.where}; remedy: ${f.remedy}) [hint: ${f.hintId}]`);
  }
}
