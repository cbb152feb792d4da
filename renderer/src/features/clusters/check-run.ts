import type { CheckStepEvent, ClusterCheckInfo, RefusedHostKeyInfo } from '../../../../main/ipc/contract';

export type StepView = CheckStepEvent['step'];

/** One connection test as the screen shows it: steps arrive live, then the final result replaces them. */
export interface CheckRun {
  cluster: string;
  runId: string;
  steps: StepView[];
  /** When each running step was reported (ms, the screen's clock), for its live timer. */
  startedAt: Record<number, number>;
  result?: ClusterCheckInfo;
}

export function startRun(cluster: string, runId: string): CheckRun {
  return { cluster, runId, steps: [], startedAt: {} };
}

/** Places a pushed step at its index; events of another run, or after the result, are ignored. */
export function applyStep(run: CheckRun, event: CheckStepEvent, now: number): boolean {
  if (run.result || event.runId !== run.runId || event.cluster !== run.cluster) return false;
  // An end never goes back to running (events arrive in order; this guards a late duplicate).
  const current = run.steps[event.index];
  if (event.step.status === 'running' && current && current.status !== 'running') return false;
  if (event.step.status === 'running') run.startedAt[event.index] = now;
  run.steps[event.index] = event.step;
  return true;
}

export function finishRun(run: CheckRun, result: ClusterCheckInfo): void {
  run.result = result;
  run.steps = result.steps;
}

/** The refused jump host key of a finished run, when its host-key step failed on one. */
export function refusedKey(run: CheckRun): RefusedHostKeyInfo | undefined {
  return run.result?.steps.find((s) => s.step === 'host-key' && s.status === 'failed')?.hostKey;
}

/** What the time column shows: the step's duration, or for a running one the time so far. */
export function stepTime(run: CheckRun, index: number, now: number): string {
  const step = run.steps[index];
  if (!step) return '';
  if (step.status === 'running') {
    const since = run.startedAt[index];
    return since === undefined ? '…' : `${((now - since) / 1000).toFixed(1)} s…`;
  }
  if (step.status === 'skipped') return '';
  return `${step.durationMs.toFixed(0)} ms`;
}
