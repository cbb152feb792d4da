import { describe, expect, it } from 'vitest';
import { parseTimestampText } from '../../../../engine/produce/timestamp-text';
import { emptyProduceForm, produceRequest } from './produce-form';

describe('produceRequest', () => {
  it('builds the request: key-hashed without a partition, blank header rows dropped, timestamp parsed', () => {
    const form = {
      ...emptyProduceForm(),
      key: 'k',
      value: '{"a":1}',
      valueFormat: 'json' as const,
      headers: [
        { name: 'h', value: 'v' },
        { name: '', value: '' },
      ],
      timestamp: '2026-12-06T14:00:00.250Z',
    };
    expect(produceRequest('orders', form)).toEqual({
      request: {
        topic: 'orders',
        key: { text: 'k', format: 'string' },
        value: { text: '{"a":1}', format: 'json' },
        headers: [{ name: 'h', value: { text: 'v', format: 'string' } }],
        timestamp: Date.UTC(2026, 11, 6, 14, 0, 0, 250),
      },
    });
  });

  it('sends no key and a tombstone when asked, to an explicit partition', () => {
    const built = produceRequest('t', { ...emptyProduceForm(), noKey: true, tombstone: true, partition: '3' });
    expect(built).toEqual({ request: { topic: 't', partition: 3, key: null, value: null, headers: [] } });
  });

  it('names a partition or timestamp that is not one', () => {
    expect(produceRequest('t', { ...emptyProduceForm(), partition: '-1', timestamp: 'yesterday' })).toEqual({
      errors: {
        partition: '"-1" is not a partition: expected a whole number, 0 or more, or blank to hash the key',
        timestamp:
          '"yesterday" is not a timestamp: expected epoch milliseconds or an ISO date such as 2026-12-06T14:00:00Z',
      },
    });
  });

  it('reads epoch milliseconds and ISO dates only', () => {
    expect(parseTimestampText('1700000000123')).toBe(1_700_000_000_123);
    expect(parseTimestampText('12/06/2026')).toBeUndefined();
  });
});
