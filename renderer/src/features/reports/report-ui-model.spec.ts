import { describe, expect, it } from 'vitest';
import { importProblems, newRequestId, progressText } from './report-ui-model';

describe('report UI model', () => {
  it('says what the export is doing', () => {
    expect(progressText(undefined)).toBe('Connecting to the cluster…');
    expect(progressText({ requestId: 'r', stage: 'offsets', partitions: 1200 })).toBe(
      'Reading offsets of 1200 partition(s)…',
    );
    expect(progressText({ requestId: 'r', stage: 'timestamps', partitions: 3 })).toMatch(/timestamp at 3 offset/);
    expect(progressText({ requestId: 'r', stage: 'rendering', partitions: 3 })).toBe(
      'Writing the report of 3 partition(s)…',
    );
  });

  it('makes distinct request ids', () => {
    expect(newRequestId(() => 0.1)).not.toBe(newRequestId(() => 0.2));
  });

  it("lists main's line problems, or the message", () => {
    const error = Object.assign(new Error('bad'), {
      problems: [{ path: 'line 7', message: 'partition "x" is not a number' }],
    });
    expect(importProblems(error)).toEqual([{ where: 'line 7', message: 'partition "x" is not a number' }]);
    expect(importProblems(new Error('group is active'))).toEqual([{ where: '', message: 'group is active' }]);
  });
});
