import { describe, expect, it } from 'vitest';
import { jobSpecJsonSchema, parseJobSpec } from './index';

const valid = {
  version: 1,
  name: 'orders-replay',
  source: { cluster: { bootstrapServers: ['broker:9092'] }, topics: ['orders'], groupId: 'sluice-orders' },
  sink: { type: 'kafka', topic: 'orders-replay' },
};

function problemsOf(input: unknown): string[] {
  const parsed = parseJobSpec(input);
  return parsed.ok ? [] : parsed.problems.map((p) => `${p.path}: ${p.message}`);
}

describe('job spec', () => {
  it('fills the documented defaults', () => {
    const parsed = parseJobSpec(valid);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.source.startFrom).toEqual({ mode: 'earliest' });
    expect(parsed.value.source.discoveryIntervalMs).toBe(300_000);
    expect(parsed.value.checkpoint).toEqual({ intervalMs: 5_000, retain: 3, commitOffsetsOnCheckpoint: true });
    expect(parsed.value.sink).toMatchObject({ acks: 'all', idempotent: true, deliveryGuarantee: 'at-least-once' });
  });

  it('names every problem by its path', () => {
    const problems = problemsOf({
      ...valid,
      source: { ...valid.source, startFrom: { mode: 'timestamp', timestamp: '14:00' }, topicPattern: '(' },
      sink: { type: 'kafka', topic: 'x', deliveryGuarantee: 'exactly-once' },
    });
    expect(problems).toContain('source.startFrom.timestamp: expected milliseconds since epoch');
    expect(problems.some((p) => p.startsWith('source.topicPattern: invalid regular expression'))).toBe(true);
    expect(problems).toContain('sink.transactionalIdPrefix: required when deliveryGuarantee is "exactly-once"');
  });

  it('refuses a JSONata regex that RE2 cannot run, naming why and where', () => {
    const problems = problemsOf({
      ...valid,
      transform: { filter: '$contains(value, /(a)\\1/)', map: '$match(value, /(?<=x)y/)' },
    });
    expect(problems).toEqual([
      'transform.filter: invalid JSONata expression at 24: regular expression /(a)\\1/ cannot run on RE2: backreferences are not supported',
      'transform.map: invalid JSONata expression at 23: regular expression /(?<=x)y/ cannot run on RE2: lookarounds are not supported',
    ]);
    // RE2's translation of JavaScript syntax would have turned this one into the letters "k<n>".
    expect(problemsOf({ ...valid, transform: { filter: '$contains(value, /(?<n>a)\\k<n>/)' } })).toEqual([
      'transform.filter: invalid JSONata expression at 31: regular expression /(?<n>a)\\k<n>/ cannot run on RE2: backreferences are not supported',
    ]);
  });

  it('requires exactly one of topics and topicPattern', () => {
    const both = problemsOf({ ...valid, source: { ...valid.source, topicPattern: 'metrics-[a-z]+' } });
    expect(both).toEqual(['source.topics: expected exactly one of "topics" or "topicPattern"']);
    const { topics: _topics, ...neither } = valid.source;
    expect(problemsOf({ ...valid, source: neither })).toEqual([
      'source.topics: expected exactly one of "topics" or "topicPattern"',
    ]);
  });

  it('indexes array elements in paths', () => {
    const problems = problemsOf({
      ...valid,
      source: {
        ...valid.source,
        startFrom: {
          mode: 'specific-offsets',
          offsets: [
            { topic: 'orders', partition: 0, offset: 5 },
            { topic: 'orders', partition: -1, offset: 0 },
          ],
        },
      },
    });
    expect(problems).toEqual(['source.startFrom.offsets[1].partition: expected a partition number >= 0']);
  });

  it('refuses unknown fields and invalid JSONata', () => {
    const problems = problemsOf({ ...valid, transform: { filter: 'value.amount >' }, surprise: true });
    expect(problems.some((p) => p.startsWith('transform.filter: invalid JSONata expression'))).toBe(true);
    expect(problems.some((p) => p.startsWith('(root):') && p.includes('surprise'))).toBe(true);
  });

  it("holds an idempotent producer to Kafka's 5 requests in flight, and leaves the default unset", () => {
    expect(problemsOf({ ...valid, sink: { type: 'kafka', topic: 'x', maxInFlightRequests: 6 } })).toEqual([
      "sink.maxInFlightRequests: must be at most 5 for an idempotent or exactly-once producer (brokers deduplicate only a producer's last 5 batches per partition)",
    ]);
    expect(
      problemsOf({ ...valid, sink: { type: 'kafka', topic: 'x', maxInFlightRequests: 6, idempotent: false } }),
    ).toEqual([]);
    const parsed = parseJobSpec({ ...valid, sink: { type: 'kafka', topic: 'x' } });
    expect(parsed.ok && parsed.value.sink.type === 'kafka' && parsed.value.sink.maxInFlightRequests).toBeUndefined();
  });

  it('asks for acks=all with an idempotent producer', () => {
    expect(problemsOf({ ...valid, sink: { type: 'kafka', topic: 'x', acks: 1 } })).toEqual([
      'sink.acks: must be "all" for an idempotent or exactly-once producer',
    ]);
    expect(problemsOf({ ...valid, sink: { type: 'kafka', topic: 'x', acks: 1, idempotent: false } })).toEqual([]);
  });

  it('exports a JSON Schema with the start modes', () => {
    const schema = JSON.stringify(jobSpecJsonSchema());
    for (const mode of ['earliest', 'latest', 'timestamp', 'group-offsets', 'specific-offsets']) {
      expect(schema).toContain(`"${mode}"`);
    }
  });

  it('fails on undecodable records by default; dead-letter needs a target and a target needs dead-letter', () => {
    const parsed = parseJobSpec(valid);
    expect(parsed.ok && parsed.value.source.onDecodeError).toBe('fail');
    expect(problemsOf({ ...valid, source: { ...valid.source, onDecodeError: 'dead-letter' } })).toEqual([
      'source.deadLetter: required when onDecodeError is "dead-letter": {"type": "kafka", "topic": ...} or {"type": "file", "path": ...}',
    ]);
    expect(problemsOf({ ...valid, source: { ...valid.source, deadLetter: { type: 'kafka', topic: 'dlq' } } })).toEqual([
      'source.onDecodeError: is "fail", so deadLetter would never be used; set it to "dead-letter"',
    ]);
    for (const deadLetter of [
      { type: 'kafka', topic: 'dlq' },
      { type: 'file', path: 'dlq.ndjson' },
    ]) {
      expect(problemsOf({ ...valid, source: { ...valid.source, onDecodeError: 'dead-letter', deadLetter } })).toEqual(
        [],
      );
    }
    expect(problemsOf({ ...valid, source: { ...valid.source, onDecodeError: 'ignore' } })[0]).toMatch(
      /^source.onDecodeError: /,
    );
  });
});
