import {
  IpcError,
  type EventChannel,
  type EventChannels,
  type IpcReply,
  type SluiceApi,
} from '../../../main/ipc/contract';

// Browser mode's side of the WebSocket API: the same SluiceApi the Electron preload exposes, so
// the app cannot tell the two apart. Message shapes match main/browser/wire-protocol.ts.

/** The part of a WebSocket this needs: the browser's, or `ws` in tests (both have these). */
export interface SocketLike {
  send(data: string): void;
  addEventListener(type: 'open', listener: () => void): void;
  addEventListener(type: 'close', listener: (event: { code: number; reason: string }) => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

export function createBrowserClient(socket: SocketLike): SluiceApi {
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Map<string, Set<(payload: never) => void>>();
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve());
    socket.addEventListener('close', (event) =>
      reject(new Error(`the Sluice console server closed the connection (${event.code} ${event.reason})`)),
    );
  });
  opened.catch(() => undefined);
  let nextId = 1;

  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as
      { type: 'reply'; id: number; reply: IpcReply<unknown> } | { type: 'event'; channel: string; payload: unknown };
    if (message.type === 'reply') {
      const call = pending.get(message.id);
      pending.delete(message.id);
      if (!call) return;
      if ('error' in message.reply) call.reject(new IpcError(message.reply.error));
      else call.resolve(message.reply.result);
    } else {
      for (const listener of listeners.get(message.channel) ?? []) listener(message.payload as never);
    }
  });
  socket.addEventListener('close', () => {
    for (const call of pending.values()) call.reject(new Error('the connection to the Sluice console server was lost'));
    pending.clear();
  });

  return {
    async invoke(channel, args) {
      await opened;
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        socket.send(JSON.stringify({ type: 'invoke', id, channel, args }));
      });
    },
    on<C extends EventChannel>(channel: C, listener: (payload: EventChannels[C]) => void) {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => void set.delete(listener as (payload: never) => void);
    },
    ready() {
      // A refused or lost connection already rejects every call; nothing more to report here.
      opened.then(
        () => socket.send(JSON.stringify({ type: 'ready' })),
        () => undefined,
      );
    },
  };
}
