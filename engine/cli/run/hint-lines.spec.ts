import { describe, expect, it } from 'vitest';
import type { HintSummary } from '../../hints/observation.js';
import { activeHintsPart, HintReporter, hintLine, hintSummary } from './hint-lines.js';

const hint = (overrides: Partial<HintSummary> = {}): HintSummary => ({
  id: 'leader-election',
  title: 'Leader election in progress',
  severity: 'warning',
  retriable: true,
  count: 12,
  retries: 10,
  firstAt: Date.UTC(2026, 0, 1, 10, 0, 0),
  lastAt: Date.UTC(2026, 0, 1, 10, 0, 30),
  active: true,
  topics: ['out'],
  partitions: ['out/0', 'out/2'],
  brokers: ['broker 1 (127.0.0.1:9001)'],
  settings: {},
  lastMessage: 'Failed to send messages: This server is not the leader for that topic-partition',
  timeline: [],
  ...overrides,
});

describe('hint lines for sluice run', () => {
  it('puts the active hints on the progress line', () => {
    expect(activeHintsPart([hint(), hint({ id: 'rebalance', count: 2, active: false })])).toBe(
      'hints: leader-election ×12',
    );
    expect(activeHintsPart([hint({ active: false })])).toBeUndefined();
  });

  it('describes one hint with counts, times and evidence', () => {
    expect(hintLine(hint())).toBe(
      'hint [warning] leader-election: Leader election in progress (12×, 10 retried by the client, ' +
        '10:00:00–10:00:30 UTC; partitions out/0, out/2; brokers broker 1 (127.0.0.1:9001))',
    );
    expect(
      hintLine(
        hint({
          id: 'data-loss-risk',
          count: 1,
          retries: 0,
          lastAt: hint().firstAt,
          partitions: [],
          brokers: [],
          settings: { acks: '1' },
        }),
      ),
    ).toBe('hint [warning] data-loss-risk: Leader election in progress (1×, at 10:00:00; topics out; acks=1)');
  });

  it('ends the run with cause, remedy and docs from the catalogue', () => {
    const lines = hintSummary([hint()]);
    expect(lines[0]).toBe('1 troubleshooting hint:');
    expect(lines.join('\n')).toContain('remedy (retriable): ');
    expect(lines.join('\n')).toContain('`max.in.flight.requests.per.connection=1`');
    expect(lines.at(-1)).toBe('    docs: https://kafka.apache.org/documentation/#replication');
    expect(hintSummary([])).toEqual([]);
  });

  it('prints a hint when it appears and when it grew, at most once per quiet period', () => {
    const said: string[] = [];
    const reporter = new HintReporter((line) => said.push(line), 10_000);
    reporter.update([hint({ count: 1 })], 0);
    reporter.update([hint({ count: 2 })], 5_000);
    reporter.update([hint({ count: 2 })], 20_000);
    reporter.update([hint({ count: 3 })], 21_000);
    expect(said.map((line) => /\((\d+)×/.exec(line)?.[1])).toEqual(['1', '2']);
  });
});
