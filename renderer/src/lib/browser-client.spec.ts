import { describe, expect, it } from 'vitest';
import { IpcError } from '../../../main/ipc/contract';
import { createBrowserClient, type SocketLike } from './browser-client';

/** A socket the test opens, closes and answers by hand. */
function fakeSocket() {
  const handlers: Record<string, ((event: never) => void)[]> = {};
  const sent: unknown[] = [];
  const socket = {
    send: (data: string) => void sent.push(JSON.parse(data)),
    addEventListener: (type: string, listener: (event: never) => void) => {
      (handlers[type] ??= []).push(listener);
    },
  } as SocketLike;
  const fire = (type: string, event: unknown) => handlers[type]?.forEach((h) => h(event as never));
  return { socket, sent, fire, receive: (message: unknown) => fire('message', { data: JSON.stringify(message) }) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createBrowserClient', () => {
  it('holds calls until the socket opens, then matches replies by id', async () => {
    const { socket, sent, fire, receive } = fakeSocket();
    const api = createBrowserClient(socket);
    const list = api.invoke('jobs:list', undefined);
    await tick();
    expect(sent).toEqual([]);
    fire('open', {});
    await tick();
    expect(sent).toEqual([{ type: 'invoke', id: 1, channel: 'jobs:list', args: undefined }]);
    receive({ type: 'reply', id: 1, reply: { result: [] } });
    await expect(list).resolves.toEqual([]);
  });

  it('rethrows an error reply as IpcError with its field problems', async () => {
    const { socket, fire, receive } = fakeSocket();
    const api = createBrowserClient(socket);
    fire('open', {});
    const saving = api.invoke('jobs:delete', { name: 'x' });
    await tick();
    receive({
      type: 'reply',
      id: 1,
      reply: { error: { name: 'InvalidInput', message: 'bad', problems: [{ path: 'name', message: 'bad' }] } },
    });
    const error = await saving.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcError);
    expect(error).toMatchObject({ name: 'InvalidInput', problems: [{ path: 'name', message: 'bad' }] });
  });

  it('delivers pushed events to listeners and reports ready once open', async () => {
    const { socket, sent, fire, receive } = fakeSocket();
    const api = createBrowserClient(socket);
    const notices: string[] = [];
    const off = api.on('app:notice', (n) => notices.push(n.message));
    api.ready();
    fire('open', {});
    await tick();
    expect(sent).toEqual([{ type: 'ready' }]);
    receive({ type: 'event', channel: 'app:notice', payload: { level: 'info', message: 'hello' } });
    off();
    receive({ type: 'event', channel: 'app:notice', payload: { level: 'info', message: 'ignored' } });
    expect(notices).toEqual(['hello']);
  });

  it('fails every call when the server refuses or drops the connection', async () => {
    const { socket, fire } = fakeSocket();
    const api = createBrowserClient(socket);
    api.ready();
    fire('close', { code: 1006, reason: '' });
    await expect(api.invoke('jobs:list', undefined)).rejects.toThrow(/closed the connection/);
  });
});
