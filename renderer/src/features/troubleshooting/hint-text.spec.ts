import { describe, expect, it } from 'vitest';
import type { HintSummary } from '../../../../main/ipc/contract';
import { activeSummary, orderHints, textParts } from './hint-text';

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

  it('orders hints worst first, active before inactive, then most recently seen', () => {
    const h = (id: string, severity: HintSummary['severity'], active: boolean, lastAt: number) =>
      ({ id, severity, active, lastAt }) as HintSummary;
    const ordered = orderHints([
      h('a', 'info', true, 9),
      h('b', 'warning', true, 1),
      h('c', 'critical', false, 8),
      h('d', 'critical', true, 2),
      h('e', 'warning', true, 5),
    ]);
    expect(ordered.map((x) => x.id)).toEqual(['d', 'c', 'e', 'b', 'a']);
  });
});
