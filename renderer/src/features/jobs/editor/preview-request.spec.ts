import { describe, expect, it } from 'vitest';
import { changedFields, markPosition, previewRequest, showValue } from './preview-request';

describe('transform preview request', () => {
  it('takes the source and transform from the draft, leaving out what it does not set', () => {
    const draft = {
      version: 1,
      source: { cluster: { profile: 'p' }, topics: ['orders'], valueFormat: 'json', groupId: 'g' },
      transform: { filter: 'value.n > 1' },
      sink: { type: 'none' },
    };
    expect(previewRequest(draft, 20)).toEqual({
      cluster: { profile: 'p' },
      topics: ['orders'],
      valueFormat: 'json',
      transform: { filter: 'value.n > 1' },
      limit: 20,
    });
  });

  it('marks the character an expression error names', () => {
    expect(markPosition('value.n / value.d', 9)).toEqual({ before: 'value.n ', at: '/', after: ' value.d' });
    expect(markPosition('ab', 10)).toEqual({ before: 'ab', at: '', after: '' });
  });

  it('shows values as text and names what a map changed', () => {
    expect(showValue({ a: 1 })).toBe('{"a":1}');
    expect(showValue('x')).toBe('x');
    expect(showValue(null)).toBe('null');
    const before = { key: 'k', value: { n: 1 }, headers: {}, timestamp: 1 };
    const row = {
      topic: 't',
      partition: 0,
      offset: 0,
      before,
      outcome: 'kept' as const,
      after: { ...before, value: { n: 2 } },
    };
    expect(changedFields(row)).toBe('value');
  });
});
