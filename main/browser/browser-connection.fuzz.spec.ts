import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invokeChannels } from '../ipc/contract';
import { createDispatcher, type Handlers } from '../ipc/dispatcher';
import { FUZZ_SEED, fuzzRuns } from '../fuzz-runs';
import { handleClientMessage, type MessageOutcome } from './browser-connection';

// Whatever a handler does once its arguments passed the contract: a result, or something odd.
const behaviours = {
  result: () => ({ ok: true }),
  undefined: () => undefined,
  throwsError: () => {
    throw new Error('handler failed');
  },
  throwsString: () => {
    throw 'a string';
  },
  throwsUndefined: () => {
    throw undefined;
  },
  throwsBareObject: () => {
    throw Object.create(null);
  },
  bigint: () => 10n,
  circular: () => {
    const value: Record<string, unknown> = {};
    value['self'] = value;
    return value;
  },
} as const;
type Behaviour = keyof typeof behaviours;

const handlersThat = (behaviour: Behaviour): Handlers =>
  new Proxy({} as Handlers, { get: () => async () => behaviours[behaviour]() });

// Arguments shaped like the contract's (names, clusters…) so calls get past validation to a handler.
const args = fc.oneof(
  fc.constant(undefined),
  fc.dictionary(fc.constantFrom('name', 'cluster', 'group', 'id', 'value', 'fileName', 'text', 'job'), fc.string()),
  fc.jsonValue(),
);
const wellShapedInvoke = fc.record({
  type: fc.constant('invoke'),
  id: fc.integer(),
  channel: fc.constantFrom(...invokeChannels),
  args,
});
const oddInvoke = fc.record(
  {
    type: fc.constant('invoke'),
    id: fc.oneof(fc.integer(), fc.double()),
    channel: fc.oneof(fc.constantFrom(...invokeChannels), fc.string()),
    args: fc.jsonValue(),
  },
  { requiredKeys: ['type'] },
);
const text = fc.oneof(
  { arbitrary: wellShapedInvoke.map((m) => JSON.stringify(m)), weight: 4 },
  oddInvoke.map((m) => JSON.stringify(m)),
  fc.string({ unit: 'binary' }),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.constant('{"type":"ready"}'),
  fc.tuple(wellShapedInvoke, fc.string(), fc.jsonValue()).map(([m, k, v]) => JSON.stringify({ ...m, [k]: v })),
);
const message = fc.oneof(
  text.map((t) => ({ data: Buffer.from(t), isBinary: false })),
  fc.tuple(fc.uint8Array(), fc.boolean()).map(([bytes, isBinary]) => ({ data: Buffer.from(bytes), isBinary })),
);

function wellFormed(outcome: MessageOutcome, sent: string): void {
  if (outcome.kind === 'ready') return;
  if (outcome.kind === 'close') {
    expect([1003, 1007]).toContain(outcome.code);
    expect(Buffer.byteLength(outcome.reason)).toBeGreaterThan(0);
    expect(Buffer.byteLength(outcome.reason)).toBeLessThanOrEqual(123);
    return;
  }
  const { message } = outcome;
  expect(message.id).toBe((JSON.parse(sent) as { id: number }).id);
  const reply = JSON.parse(JSON.stringify(message.reply)) as Record<string, unknown>;
  if ('error' in reply) {
    expect(reply['error']).toMatchObject({ name: expect.any(String), message: expect.any(String) });
  } else {
    // `{ result: undefined }` (a void call) travels as `{}`.
    expect(Object.keys(reply).filter((key) => key !== 'result')).toEqual([]);
  }
}

describe('browser-mode message handler (property)', () => {
  it('answers any message with a well-formed reply or a close, and never throws or rejects', async () => {
    await fc.assert(
      fc.asyncProperty(message, fc.constantFrom(...(Object.keys(behaviours) as Behaviour[])), async (m, behaviour) => {
        const outcome = await handleClientMessage(m.data, m.isBinary, createDispatcher(handlersThat(behaviour)));
        wellFormed(outcome, m.data.toString());
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(1000) },
    );
  });
});
