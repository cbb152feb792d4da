import { describe, expect, it } from 'vitest';
import type { HintSummary } from '../../../../main/ipc/contract';
import { activeSummary, textParts } from './hint-text';

const hint = (severity: HintSummary['severity'], active: boolean) => ({ severity, active }) as HintSummary;

describe('hint text', () => {
  it('splits a remedy at its backticks', () => {
    expect(textParts('set `acks=all` and `min.insync.replicas=2`.')).toEqual([
      { text: 'set ', code: false },
      { text: 'acks=all', code: true },
      { text: ' and ', code: false },
      { text: 'min.insync.replicas=2', code: true },
      { text: '.', code: false },
    ]);
  });

  it('counts active hints and keeps the worst severity', () => {
    expect(activeSummary([hint('warning', true), hint('critical', true), hint('critical', false)])).toEqual({
      count: 2,
      severity: 'critical',
    });
    expect(activeSummary([hint('info', false)])).toBeUndefined();
    expect(activeSummary(undefined)).toBeUndefined();
  });
});
