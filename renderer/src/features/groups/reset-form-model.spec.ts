import { describe, expect, it } from 'vitest';
import { emptyResetForm, offsetLines, requestFromForm } from './reset-form-model';

const form = (changes: Partial<ReturnType<typeof emptyResetForm>>) => ({ ...emptyResetForm(), ...changes });

describe('requestFromForm', () => {
  it('makes each kind of request', () => {
    expect(requestFromForm('g', form({ topics: ['orders'] }))).toEqual({
      ok: true,
      request: { groupId: 'g', to: { kind: 'earliest' }, topics: ['orders'], outOfRange: 'refuse' },
    });
    const at = requestFromForm('g', form({ mode: 'timestamp', timestamp: '2024-05-01T12:00:30' }));
    expect(at).toEqual({
      ok: true,
      request: {
        groupId: 'g',
        to: { kind: 'timestamp', timestamp: new Date(2024, 4, 1, 12, 0, 30).getTime() },
        outOfRange: 'refuse',
      },
    });
    expect(
      requestFromForm('g', form({ mode: 'specific', offsetsText: 'orders,0,5\norders,1,0', clamp: true })),
    ).toEqual({
      ok: true,
      request: {
        groupId: 'g',
        to: {
          kind: 'specific',
          offsets: [
            { topic: 'orders', partition: 0, offset: 5 },
            { topic: 'orders', partition: 1, offset: 0 },
          ],
        },
        outOfRange: 'clamp',
      },
    });
    expect(requestFromForm('g', form({ mode: 'checkpoint', job: 'replay', checkpointId: '4' }))).toMatchObject({
      ok: true,
      request: { to: { kind: 'checkpoint', job: 'replay', checkpointId: 4 } },
    });
  });

  it('puts each problem on its field', () => {
    expect(requestFromForm('g', form({ mode: 'timestamp' }))).toEqual({
      ok: false,
      errors: { 'to.timestamp': 'Choose the date and time to reset to.' },
    });
    expect(requestFromForm('g', form({ mode: 'specific', offsetsText: 'orders,0\n' }))).toEqual({
      ok: false,
      errors: { 'to.offsets': 'line 1: expected "topic,partition,offset" with whole numbers, got "orders,0"' },
    });
    expect(requestFromForm('g', form({ mode: 'specific', offsetsText: '' }))).toEqual({
      ok: false,
      errors: { 'to.offsets': 'list at least one offset' },
    });
    expect(requestFromForm('g', form({ mode: 'specific', offsetsText: 'a,0,1\na,0,2' }))).toEqual({
      ok: false,
      errors: { 'to.offsets[1]': 'a[0] is listed twice' },
    });
    expect(requestFromForm('g', form({ mode: 'checkpoint', job: '' }))).toEqual({
      ok: false,
      errors: { 'to.job': 'required' },
    });
  });
});

describe('offsetLines', () => {
  it('lists committed offsets only', () => {
    expect(
      offsetLines([
        { topic: 'orders', partition: 0, committedOffset: 12 },
        { topic: 'orders', partition: 1, committedOffset: null },
      ]),
    ).toBe('orders,0,12');
  });
});
