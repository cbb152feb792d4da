import { describe, expect, it } from 'vitest';
import type { EventChannels, JobStatus, SluiceApi } from '../../../main/ipc/contract';
import { jobsStore, topicsStores } from './app-stores';

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

function fakeApi(replies: Record<string, (args: unknown) => unknown>) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const calls: string[] = [];
  const api = {
    invoke: async (channel: string, args: unknown) => {
      calls.push(channel);
      return replies[channel]!(args);
    },
    on: (channel: string, listener: (payload: unknown) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
      return () => listeners.get(channel)!.delete(listener);
    },
  } as unknown as SluiceApi;
  const emit = <C extends keyof EventChannels>(channel: C, payload: EventChannels[C]) =>
    listeners.get(channel)?.forEach((l) => l(payload));
  return { api, emit, calls, listening: () => [...listeners.values()].reduce((n, s) => n + s.size, 0) };
}

const job = (name: string): JobStatus => ({
  name,
  state: 'running',
  recordsInPerSecond: 0,
  recordsOutPerSecond: 0,
  lag: undefined,
  lastCheckpointId: undefined,
});

describe('jobsStore', () => {
  it('patches a row from each summary without reloading, and reloads once for a burst of state changes', async () => {
    const fake = fakeApi({ 'jobs:list': () => [job('a'), job('b')] });
    const store = jobsStore(() => fake.api);
    const off = store.subscribe(() => undefined);
    await tick();
    fake.emit('jobs:summary', { name: 'b', recordsInPerSecond: 10, recordsOutPerSecond: 9, lag: 4, at: 1 });
    expect(store.get().value.find((j) => j.name === 'b')).toMatchObject({ recordsInPerSecond: 10, lag: 4 });
    expect(fake.calls).toEqual(['jobs:list']);
    for (const to of ['starting', 'running'] as const)
      fake.emit('jobs:state', { name: 'a', from: 'created', to, at: 2 });
    await tick(250);
    expect(fake.calls).toEqual(['jobs:list', 'jobs:list']);
    off();
    expect(fake.listening()).toBe(0);
  });
});

describe('topicsStores', () => {
  it("keeps each cluster's topics apart and reads them only when a page reads the store", async () => {
    const fake = fakeApi({ 'topics:list': (args) => [{ name: `${(args as { cluster: string }).cluster}-t` }] });
    const byCluster = topicsStores(() => fake.api);
    expect(fake.calls).toEqual([]);
    const off = byCluster('prod').subscribe(() => undefined);
    await tick();
    expect(byCluster('prod').get().value).toEqual([{ name: 'prod-t' }]);
    expect(byCluster('staging').get().value).toEqual([]);
    off();
  });
});
