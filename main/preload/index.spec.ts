// The preload runs only inside Electron; this loads it against a stand-in for the `electron` module
// and checks what the page gets: the contract's channels and nothing else.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { SluiceApi } from '../ipc/contract';

const fake = vi.hoisted(() => {
  const exposed: Record<string, unknown> = {};
  const sent: string[] = [];
  const listeners = new Map<string, ((event: unknown, payload: unknown) => void)[]>();
  let reply: unknown = { result: 'ok' };
  const invoked: { channel: string; args: unknown }[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
    ipcRenderer: {
      invoke: async (channel: string, args: unknown) => (invoked.push({ channel, args }), reply),
      send: (channel: string) => sent.push(channel),
      on: (channel: string, l: (event: unknown, payload: unknown) => void) =>
        listeners.set(channel, [...(listeners.get(channel) ?? []), l]),
      removeListener: (channel: string, l: unknown) =>
        listeners.set(
          channel,
          (listeners.get(channel) ?? []).filter((x) => x !== l),
        ),
    },
  };
  return { electron, exposed, sent, listeners, invoked, setReply: (r: unknown) => (reply = r) };
});

vi.mock('electron', () => fake.electron);

let api: SluiceApi;
beforeAll(async () => {
  await import('./index');
  api = fake.exposed['sluice'] as SluiceApi;
});

describe('preload', () => {
  it('exposes only invoke, on and ready', () => {
    expect(Object.keys(fake.exposed)).toEqual(['sluice']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on', 'ready']);
  });

  it('passes contract channels and refuses any other', async () => {
    fake.setReply({ result: [] });
    expect(await api.invoke('jobs:list', undefined)).toEqual([]);
    await expect(api.invoke('shell:exec' as never, 'rm -rf /' as never)).rejects.toThrow(
      'Unknown IPC channel "shell:exec"',
    );
    expect(fake.invoked.map((c) => c.channel)).toEqual(['jobs:list']);
  });

  it('rethrows main-side errors with their hint and field problems', async () => {
    fake.setReply({
      error: { name: 'InvalidInput', message: 'bad', problems: [{ path: 'name', message: 'required' }] },
    });
    await expect(api.invoke('jobs:get', { name: 'x' })).rejects.toMatchObject({
      name: 'InvalidInput',
      problems: [{ path: 'name', message: 'required' }],
    });
  });

  it('subscribes to contract events only, and unsubscribes', () => {
    const got: unknown[] = [];
    const off = api.on('app:menu', (p) => got.push(p));
    fake.listeners.get('app:menu')![0]!({}, { action: 'help:shortcuts' });
    off();
    expect(fake.listeners.get('app:menu')).toEqual([]);
    expect(got).toEqual([{ action: 'help:shortcuts' }]);
    expect(() => api.on('secret:leak' as never, () => undefined)).toThrow('Unknown IPC event "secret:leak"');
  });

  it('reports ready on the one send channel main listens to', () => {
    api.ready();
    expect(fake.sent).toEqual(['app:renderer-ready']);
  });
});
