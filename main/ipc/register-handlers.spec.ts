import { describe, expect, it } from 'vitest';
import { invokeChannels } from './contract';
import { registerHandlers, type IpcMainLike } from './register-handlers';

type FakeEvent = { url: string };

function fakeIpc(): IpcMainLike<FakeEvent> & {
  call(channel: string, event: FakeEvent, args?: unknown): Promise<unknown>;
  channels(): string[];
} {
  const listeners = new Map<string, (event: FakeEvent, args: unknown) => Promise<unknown>>();
  return {
    handle: (channel, listener) => void listeners.set(channel, listener),
    call: (channel, event, args) => listeners.get(channel)!(event, args),
    channels: () => [...listeners.keys()],
  };
}

describe('registerHandlers', () => {
  it('registers every contract channel and passes trusted calls to the dispatcher', async () => {
    const ipc = fakeIpc();
    const calls: unknown[] = [];
    registerHandlers(
      ipc,
      async (channel, args) => (calls.push([channel, args]), { result: 'ok' }),
      (e) => e.url.startsWith('file:'),
    );
    expect(ipc.channels()).toEqual([...invokeChannels]);
    await expect(ipc.call('jobs:stop', { url: 'file:///app/index.html' }, { name: 'a' })).resolves.toEqual({
      result: 'ok',
    });
    expect(calls).toEqual([['jobs:stop', { name: 'a' }]]);
  });

  it('refuses an untrusted sender without dispatching', async () => {
    const ipc = fakeIpc();
    let ran = false;
    registerHandlers(
      ipc,
      async () => ((ran = true), { result: 1 }),
      (e) => e.url.startsWith('file:'),
    );
    const reply = await ipc.call('app:info', { url: 'https://evil.example/' });
    expect(reply).toEqual({ error: { name: 'ForbiddenSender', message: 'IPC sender is not trusted' } });
    expect(ran).toBe(false);
  });
});
