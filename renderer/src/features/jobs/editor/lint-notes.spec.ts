import { describe, expect, it } from 'vitest';
import { placeFindings } from './lint-notes';

const finding = (where: string, severity: 'info' | 'warning' | 'critical' = 'warning') => ({
  ruleId: 'r',
  hintId: 'data-loss-risk' as const,
  severity,
  message: `${where} is off`,
  where,
  remedy: 'change it',
});

describe('lint findings in the editor', () => {
  it('places findings on the fields the editor shows, and lists the rest', () => {
    const notes = placeFindings(
      [finding('sink.acks'), finding('sink.acks', 'critical'), finding('topic orders config min.insync.replicas')],
      ['sink.acks', 'sink.retries'],
    );
    expect(notes.byPath['sink.acks']).toBe(
      'warning: sink.acks is off (change it) [hint: data-loss-risk]; critical: sink.acks is off (change it) [hint: data-loss-risk]',
    );
    expect(notes.elsewhere).toEqual([
      'topic orders config min.insync.replicas: warning: topic orders config min.insync.replicas is off (change it) [hint: data-loss-risk]',
    ]);
  });
});
