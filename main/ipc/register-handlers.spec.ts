import { describe, expect, it } from 'vitest';
import { registerHandlers, type IpcMainLike } from './register-handlers';

type FakeEvent = { url: string };

function fakeIpc(): IpcMainLike<FakeEvent> & {
  call(channel: string, event: FakeEvent, args?: unknown): Promise<unknown>;
} {
  const listeners = new Map<string, (event: FakeEvent, args: unknown) => Promise<unknown>>();
  return {
    handle: (channel, listener) => void listeners.set(channel, listener),
    call: (channel, event, args) => listeners.get(channel)!(event, args),
  };
}

const info = { name: 'Sluice', version: '1.0.0', shell: 'electron' as const, platform: 'linux' };

describe('registerHandlers', () => {
  it('answers {result} to a trusted sender', async () => {
    const ipc = fakeIpc();
    registerHandlers(ipc, { 'app:info': async () => info }, (e) => e.url.startsWith('file:'));
    await expect(ipc.call('app:info', { url: 'file:///app/index.html' })).resolves.toEqual({ result: info });
  });

  it('refuses an untrusted sender without running the handler', async () => {
    const ipc = fakeIpc();
    let ran = false;
    registerHandlers(ipc, { 'app:info': async () => ((ran = true), info) }, (e) => e.url.startsWith('file:'));
    const reply = await ipc.call('app:info', { url: 'https://evil.example/' });
    expect(reply).toEqual({ error: { name: 'ForbiddenSender', message: 'IPC sender is not trusted' } });
    expect(ran).toBe(false);
  });

  it('turns a thrown error into {error} with its hint id', async () => {
    const ipc = fakeIpc();
    const failure = Object.assign(new Error('bootstrap unreachable'), {
      name: 'ConnectionError',
      hintId: 'broker-unreachable',
    });
    registerHandlers(ipc, { 'app:info': async () => Promise.reject(failure) }, () => true);
    await expect(ipc.call('app:info', { url: 'file:///x' })).resolves.toEqual({
      error: { name: 'ConnectionError', message: 'bootstrap unreachable', hintId: 'broker-unreachable' },
    });
  });
});
