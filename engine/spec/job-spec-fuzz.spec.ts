import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParams, fuzzTimeoutMs } from '../fuzz-params.js';
import { parseJobSpec } from './index.js';
import { damaged, expectParsedOrProblems, throughJson } from './spec-fuzz-kit.js';

// Job specs as operators write them: every field the schema knows, optional ones left out at random.

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
/** Drops the keys whose value is undefined, as a spec written by hand would leave them out. */
const compact = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const nonEmpty = fc.string({ unit: 'binary', minLength: 1, maxLength: 20 });
const hostPort = fc
  .tuple(fc.stringMatching(/^[a-z0-9.-]{1,20}$/), fc.integer({ min: 1, max: 65_535 }))
  .map(([host, port]) => `${host}:${port}`);
const ms = fc.nat({ max: 4_102_444_800_000 });
const tpo = fc.record({ topic: nonEmpty, partition: fc.nat(), offset: fc.nat() });

const clusterRef = fc.oneof(
  fc.record({ profile: nonEmpty }),
  fc
    .record({
      bootstrapServers: fc.array(hostPort, { minLength: 1, maxLength: 3 }),
      clientId: optional(nonEmpty),
      connectionTimeoutMs: optional(fc.integer({ min: 1, max: 600_000 })),
      requestTimeoutMs: optional(fc.integer({ min: 1, max: 600_000 })),
    })
    .map(compact),
);

const reset = fc.constantFrom('earliest', 'latest', 'none');
const startFrom = fc.oneof(
  fc.constant({ mode: 'earliest' }),
  fc.constant({ mode: 'latest' }),
  fc.record({ mode: fc.constant('timestamp'), timestamp: ms }),
  fc.record({ mode: fc.constant('group-offsets'), fallback: optional(reset) }).map(compact),
  fc.record({ mode: fc.constant('specific-offsets'), offsets: fc.array(tpo), fallback: optional(reset) }).map(compact),
);
const stopAt = fc.oneof(
  fc.constant({ mode: 'latest' }),
  fc.record({ mode: fc.constant('timestamp'), timestamp: ms }),
  fc.record({ mode: fc.constant('specific-offsets'), offsets: fc.array(tpo, { minLength: 1 }) }),
);

const format = fc.constantFrom('string', 'json', 'bytes');
const source = fc
  .record({
    cluster: clusterRef,
    topics: fc.array(nonEmpty, { minLength: 1, maxLength: 4 }),
    topicPattern: fc.constantFrom('orders-.*', '(a+)+$', 'metrics-[a-z]+', '\\d+', 'a|b', '\\p{L}+'),
    usePattern: fc.boolean(),
    groupId: nonEmpty,
    startFrom: optional(startFrom),
    stopAt: optional(stopAt),
    discoveryIntervalMs: optional(fc.integer({ min: -1_000, max: 3_600_000 })),
    isolationLevel: optional(fc.constantFrom('read_committed', 'read_uncommitted')),
    keyFormat: optional(format),
    valueFormat: optional(format),
  })
  .map(({ usePattern, topics, topicPattern, ...rest }) =>
    compact({ ...rest, ...(usePattern ? { topicPattern } : { topics }) }),
  );

const transform = fc
  .record({
    filter: optional(fc.constantFrom('value.amount > 10', 'topic = "orders" and partition < 3', '$exists(key)')),
    map: optional(fc.constantFrom('{"value": value}', '{"key": $string(offset), "timestamp": timestamp + 1}')),
  })
  .map(compact);

const kafkaSink = fc
  .record({
    type: fc.constant('kafka'),
    cluster: optional(clusterRef),
    topic: nonEmpty,
    key: optional(fc.constantFrom('source', 'none')),
    partitioner: optional(fc.constantFrom('murmur2', 'source-partition')),
    writeTimestamp: optional(fc.boolean()),
    acks: optional(fc.constantFrom('all', 1, 0)),
    retries: optional(fc.nat({ max: 100 })),
    maxInFlightRequests: optional(fc.integer({ min: 1, max: 5 })),
    idempotent: optional(fc.boolean()),
    compression: optional(fc.constantFrom('none', 'gzip')),
    deliveryGuarantee: optional(fc.constantFrom('none', 'at-least-once', 'exactly-once')),
    transactionalIdPrefix: optional(nonEmpty),
    transactionTimeoutMs: optional(fc.integer({ min: 1, max: 900_000 })),
  })
  // The schema's cross-field rules: exactly-once needs a prefix and idempotence; idempotence needs acks all.
  .map((sink) => {
    const exactlyOnce = sink.deliveryGuarantee === 'exactly-once';
    const idempotent = exactlyOnce && sink.idempotent === false ? true : sink.idempotent;
    return compact({
      ...sink,
      idempotent,
      transactionalIdPrefix: exactlyOnce ? (sink.transactionalIdPrefix ?? 'tx') : sink.transactionalIdPrefix,
      acks: idempotent !== false ? undefined : sink.acks,
    });
  });
const sink = fc.oneof(
  kafkaSink,
  fc.record({ type: fc.constant('file'), path: nonEmpty }),
  fc.constant({ type: 'none' }),
);

const checkpoint = fc
  .record({
    intervalMs: optional(fc.integer({ min: 100, max: 600_000 })),
    retain: optional(fc.integer({ min: 1, max: 1000 })),
    commitOffsetsOnCheckpoint: optional(fc.boolean()),
  })
  .map(compact);

const restart = fc.oneof(
  fc.constant({ strategy: 'none' }),
  fc
    .record({
      strategy: fc.constant('fixed-delay'),
      delayMs: optional(fc.nat({ max: 600_000 })),
      maxAttempts: optional(fc.integer({ min: 1, max: 100 })),
    })
    .map(compact),
  fc
    .record({
      strategy: fc.constant('exponential-backoff'),
      initialDelayMs: optional(fc.integer({ min: 1, max: 60_000 })),
      maxDelayMs: optional(fc.integer({ min: 1, max: 600_000 })),
      multiplier: optional(fc.double({ min: 1, max: 10, noNaN: true })),
      maxAttempts: optional(fc.integer({ min: 1, max: 100 })),
    })
    .map(compact),
);

/** Any job spec the schema should accept. */
const validJobSpecInput = fc
  .record({
    version: fc.constant(1),
    name: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,30}$/),
    description: optional(fc.string({ unit: 'binary', maxLength: 40 })),
    source,
    transform: optional(transform),
    sink,
    checkpoint: optional(checkpoint),
    restart: optional(restart),
  })
  .map(compact);

describe('the job spec schema on arbitrary input', () => {
  it(
    'answers ok or problems with paths for any JSON, never throwing',
    () =>
      fc.assert(
        fc.property(fc.jsonValue(), (input) => expectParsedOrProblems(parseJobSpec, input)),
        fuzzParams(),
      ),
    fuzzTimeoutMs(),
  );

  it(
    'the same for valid specs with random damage',
    () =>
      fc.assert(
        fc.property(damaged(validJobSpecInput), (input) => expectParsedOrProblems(parseJobSpec, input)),
        fuzzParams(),
      ),
    fuzzTimeoutMs(),
  );

  it(
    'accepts every generated valid spec, and what it fills in reads back the same through JSON',
    () =>
      fc.assert(
        fc.property(validJobSpecInput, (input) => {
          const parsed = parseJobSpec(input);
          expect(parsed.ok ? [] : parsed.problems).toEqual([]);
          if (!parsed.ok) return;
          expect(parseJobSpec(throughJson(input))).toEqual(parsed);
          expect(parseJobSpec(throughJson(parsed.value))).toEqual(parsed);
        }),
        fuzzParams(),
      ),
    fuzzTimeoutMs(),
  );
});
