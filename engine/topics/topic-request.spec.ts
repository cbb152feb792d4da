import { describe, expect, it } from 'vitest';
import { parseWith } from '../spec/validation.js';
import {
  alterConfigsRequestSchema,
  createTopicRequestSchema,
  parseConfigPairs,
  topicNameSchema,
} from './topic-request.js';

describe('topic requests', () => {
  it("follows Kafka's topic name rule", () => {
    expect(topicNameSchema.safeParse('orders.v2_eu-1').success).toBe(true);
    for (const bad of ['', '.', '..', 'a b', 'x'.repeat(250), 'ä'])
      expect(topicNameSchema.safeParse(bad).success).toBe(false);
  });

  it('refuses a create with a zero partition count, naming the field', () => {
    expect(parseWith(createTopicRequestSchema, { topic: 't', partitions: 0 })).toEqual({
      ok: false,
      problems: [{ path: 'partitions', message: 'expected 1 or more' }],
    });
  });

  it('refuses an alter that changes nothing, or sets and resets one config', () => {
    expect(parseWith(alterConfigsRequestSchema, { topic: 't' })).toMatchObject({
      ok: false,
      problems: [{ path: 'configs', message: 'nothing to change: set or reset at least one config' }],
    });
    expect(parseWith(alterConfigsRequestSchema, { topic: 't', configs: { 'a.b': '1' }, reset: ['a.b'] })).toMatchObject(
      {
        ok: false,
        problems: [{ path: 'reset[0]', message: 'a.b is both set and reset' }],
      },
    );
  });

  it('reads name=value pairs, splitting at the first =', () => {
    expect(parseConfigPairs(['retention.ms=1000', 'x.y=a=b'])).toEqual({
      ok: true,
      configs: { 'retention.ms': '1000', 'x.y': 'a=b' },
    });
    expect(parseConfigPairs(['=1', 'plain', 'a.b=1', 'a.b=2'])).toEqual({
      ok: false,
      problems: [
        '"=1": expected name=value, e.g. retention.ms=86400000',
        '"plain": expected name=value, e.g. retention.ms=86400000',
        'a.b is given twice',
      ],
    });
  });
});
