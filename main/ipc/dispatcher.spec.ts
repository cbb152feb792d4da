import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from './dispatcher';

function handlers(overrides: Partial<Handlers>): Handlers {
  return new Proxy(overrides as Handlers, {
    get: (target, key) => (target as Record<string | symbol, unknown>)[key] ?? (async () => 'default'),
  });
}

describe('createDispatcher', () => {
  it('validates the argument against the contract and hands the parsed value to the handler', async () => {
    let got: unknown;
    const dispatch = createDispatcher(handlers({ 'topics:browse': async (args) => ((got = args), { records: [] }) }));
    await expect(dispatch('topics:browse', { cluster: 'c', topic: 't', from: { mode: 'earliest' } })).resolves.toEqual({
      result: { records: [] },
    });
    expect(got).toEqual({ cluster: 'c', topic: 't', from: { mode: 'earliest' }, limit: 50 });
  });

  it('refuses an invalid argument with every problem by path, without running the handler', async () => {
    let ran = false;
    const dispatch = createDispatcher(handlers({ 'jobs:save': async () => ((ran = true), undefined as never) }));
    const reply = await dispatch('jobs:save', {
      spec: {
        version: 1,
        name: 'bad name',
        source: { cluster: { profile: 'p' }, groupId: '' },
        sink: { type: 'none' },
      },
    });
    expect(ran).toBe(false);
    expect(reply).toMatchObject({ error: { name: 'InvalidInput' } });
    const paths = ('error' in reply ? (reply.error.problems ?? []) : []).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['spec.name', 'spec.source.groupId', 'spec.source.topics']));
  });

  it('refuses a channel that is not in the contract', async () => {
    const reply = await createDispatcher(handlers({}))('fs:read', '/etc/passwd');
    expect(reply).toEqual({ error: { name: 'UnknownChannel', message: 'unknown IPC channel "fs:read"' } });
  });

  it('answers a thrown error with its name, hint id and problems', async () => {
    const failure = Object.assign(new Error('bootstrap unreachable'), {
      name: 'ConnectionError',
      hintId: 'broker-unreachable',
    });
    const dispatch = createDispatcher(handlers({ 'clusters:test': async () => Promise.reject(failure) }));
    await expect(dispatch('clusters:test', { cluster: 'c' })).resolves.toEqual({
      error: { name: 'ConnectionError', message: 'bootstrap unreachable', hintId: 'broker-unreachable' },
    });
  });
});
