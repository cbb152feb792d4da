import { describe, expect, it } from 'vitest';
import { parseWith } from '../spec/validation.js';
import { groupResetRequestSchema, parseOffsetLines, parseResetTo } from './reset-request.js';

describe('groupResetRequestSchema', () => {
  it('accepts each target and defaults outOfRange to refuse', () => {
    for (const to of [
      { kind: 'earliest' },
      { kind: 'latest' },
      { kind: 'timestamp', timestamp: 1_700_000_000_000 },
      { kind: 'specific', offsets: [{ topic: 'orders', partition: 0, offset: 4 }] },
      { kind: 'checkpoint', job: 'orders-replay', checkpointId: 3 },
      { kind: 'checkpoint', job: 'orders-replay' },
    ]) {
      const parsed = parseWith(groupResetRequestSchema, { groupId: 'g', to });
      expect(parsed).toEqual({ ok: true, value: { groupId: 'g', to, outOfRange: 'refuse' } });
    }
  });

  it('names every bad field by path', () => {
    const parsed = parseWith(groupResetRequestSchema, {
      groupId: '',
      to: {
        kind: 'specific',
        offsets: [
          { topic: 'orders', partition: -1, offset: 1.5 },
          { topic: '', partition: 0, offset: 0 },
        ],
      },
      topics: [],
    });
    expect(parsed.ok ? [] : parsed.problems.map((p) => p.path).sort()).toEqual([
      'groupId',
      'to.offsets[0].offset',
      'to.offsets[0].partition',
      'to.offsets[1].topic',
      'topics',
    ]);
  });

  it('refuses a partition listed twice, at the second entry', () => {
    const parsed = parseWith(groupResetRequestSchema, {
      groupId: 'g',
      to: {
        kind: 'specific',
        offsets: [
          { topic: 'orders', partition: 0, offset: 1 },
          { topic: 'orders', partition: 0, offset: 2 },
        ],
      },
    });
    expect(parsed.ok ? [] : parsed.problems).toEqual([{ path: 'to.offsets[1]', message: 'orders[0] is listed twice' }]);
  });

  it('refuses an unknown kind and a negative checkpoint id', () => {
    expect(parseWith(groupResetRequestSchema, { groupId: 'g', to: { kind: 'sideways' } }).ok).toBe(false);
    const parsed = parseWith(groupResetRequestSchema, {
      groupId: 'g',
      to: { kind: 'checkpoint', job: 'j', checkpointId: 0 },
    });
    expect(parsed.ok ? [] : parsed.problems.map((p) => p.path)).toEqual(['to.checkpointId']);
  });
});

describe('parseOffsetLines', () => {
  it('reads topic,partition,offset lines, skipping blanks and comments', () => {
    expect(parseOffsetLines('# saved\norders,0,12\n\n orders , 1 , 0 \r\naudit,2,7')).toEqual({
      ok: true,
      offsets: [
        { topic: 'orders', partition: 0, offset: 12 },
        { topic: 'orders', partition: 1, offset: 0 },
        { topic: 'audit', partition: 2, offset: 7 },
      ],
    });
  });

  it('names every bad line by number', () => {
    expect(parseOffsetLines('orders,0,12\norders,x,1\norders,1\norders,2,-3')).toEqual({
      ok: false,
      problems: [
        'line 2: expected "topic,partition,offset" with whole numbers, got "orders,x,1"',
        'line 3: expected "topic,partition,offset" with whole numbers, got "orders,1"',
        'line 4: expected "topic,partition,offset" with whole numbers, got "orders,2,-3"',
      ],
    });
  });
});

describe('parseResetTo', () => {
  it('reads each form of --to', () => {
    expect(parseResetTo('earliest')).toEqual({ ok: true, to: { kind: 'earliest' } });
    expect(parseResetTo('latest')).toEqual({ ok: true, to: { kind: 'latest' } });
    expect(parseResetTo('timestamp:1700000000000')).toEqual({
      ok: true,
      to: { kind: 'timestamp', timestamp: 1_700_000_000_000 },
    });
    expect(parseResetTo('timestamp:2024-05-01T12:00:00Z')).toEqual({
      ok: true,
      to: { kind: 'timestamp', timestamp: Date.UTC(2024, 4, 1, 12) },
    });
    expect(parseResetTo('checkpoint:orders-replay')).toEqual({
      ok: true,
      to: { kind: 'checkpoint', job: 'orders-replay' },
    });
    expect(parseResetTo('checkpoint:orders-replay:42')).toEqual({
      ok: true,
      to: { kind: 'checkpoint', job: 'orders-replay', checkpointId: 42 },
    });
  });

  it('says what is wrong with a bad value', () => {
    expect(parseResetTo('timestamp:yesterday')).toEqual({
      ok: false,
      problem: '"yesterday" is not a time: expected ISO 8601 (2024-05-01T12:00:00Z) or milliseconds',
    });
    expect(parseResetTo('checkpoint:j:0')).toMatchObject({ ok: false });
    expect(parseResetTo('beginning')).toEqual({
      ok: false,
      problem: '"beginning": expected earliest, latest, timestamp:<ISO or ms> or checkpoint:<job>[:<id>]',
    });
  });
});
