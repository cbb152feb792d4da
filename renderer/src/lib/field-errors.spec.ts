import { describe, expect, it } from 'vitest';
import { errorFor, fieldErrors, otherErrors } from './field-errors';

describe('field errors', () => {
  const errors = fieldErrors(
    [
      { path: 'spec.name', message: 'bad name' },
      { path: 'spec.source.topics[1]', message: 'empty' },
      { path: 'spec.restart.maxAttempts', message: 'too small' },
    ],
    'spec.',
  );

  it('strips the channel prefix and finds a field or its children', () => {
    expect(errorFor(errors, 'name')).toBe('bad name');
    expect(errorFor(errors, 'source.topics')).toBe('empty');
    expect(errorFor(errors, 'sink.topic')).toBeUndefined();
  });

  it('lists what no field shows', () => {
    expect(otherErrors(errors, ['name', 'source.topics'])).toEqual(['restart.maxAttempts: too small']);
  });
});
