import { describe, expect, it } from 'vitest';
import type { CheckStepEvent } from '../../../../main/ipc/contract';
import { applyStep, finishRun, refusedKey, startRun, stepTime } from './check-run';

const event = (index: number, status: CheckStepEvent['step']['status'], runId = 'r1'): CheckStepEvent => ({
  cluster: 'prod',
  runId,
  index,
  step: { step: index === 0 ? 'ssh-connect' : 'host-key', target: 'u@j:22', status, durationMs: 12 },
});

describe('a live connection test', () => {
  it('shows each step running, then done, in its place; ignores other runs and late events', () => {
    const run = startRun('prod', 'r1');
    expect(applyStep(run, event(0, 'running'), 1_000)).toBe(true);
    expect(run.steps.map((s) => s.status)).toEqual(['running']);
    expect(stepTime(run, 0, 2_500)).toBe('1.5 s…');
    applyStep(run, event(0, 'ok'), 1_100);
    applyStep(run, event(1, 'running'), 1_100);
    expect(run.steps.map((s) => s.status)).toEqual(['ok', 'running']);
    expect(stepTime(run, 0, 9_999)).toBe('12 ms');
    expect(applyStep(run, event(1, 'failed', 'old-run'), 1_200)).toBe(false);
    expect(applyStep(run, event(0, 'running'), 1_200)).toBe(false);

    finishRun(run, {
      profile: 'prod',
      ok: false,
      steps: [
        { step: 'ssh-connect', target: 'u@j:22', status: 'ok', durationMs: 12 },
        {
          step: 'host-key',
          target: 'u@j:22',
          status: 'failed',
          durationMs: 3,
          error: { message: 'not known', hintId: 'ssh-host-key-unknown', retriable: false },
          hostKey: { kind: 'unknown', host: 'j', port: 22, fingerprint: 'SHA256:abc', keyType: 'ssh-ed25519' },
        },
      ],
    });
    expect(applyStep(run, event(1, 'ok'), 1_300)).toBe(false);
    expect(run.steps[1]?.status).toBe('failed');
    expect(refusedKey(run)).toMatchObject({ kind: 'unknown', fingerprint: 'SHA256:abc' });
  });
});
