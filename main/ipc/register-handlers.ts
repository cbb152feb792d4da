import type { InvokeChannel, InvokeChannels, IpcReply } from './contract';

export type Handlers = {
  [C in InvokeChannel]: (args: InvokeChannels[C]['args']) => Promise<InvokeChannels[C]['result']>;
};

/** The part of Electron's ipcMain this needs; injected so the logic is testable without Electron. */
export interface IpcMainLike<E> {
  handle(channel: string, listener: (event: E, args: unknown) => Promise<unknown>): void;
}

/** Registers one handler per contract channel; each checks its sender before running. */
export function registerHandlers<E>(
  ipc: IpcMainLike<E>,
  handlers: Handlers,
  isTrustedSender: (event: E) => boolean,
): void {
  for (const channel of Object.keys(handlers) as InvokeChannel[]) {
    ipc.handle(channel, async (event, args): Promise<IpcReply<unknown>> => {
      if (!isTrustedSender(event)) return { error: { name: 'ForbiddenSender', message: 'IPC sender is not trusted' } };
      try {
        return { result: await handlers[channel](args as never) };
      } catch (error) {
        const e = error as Error & { hintId?: string };
        return { error: { name: e.name, message: e.message, ...(e.hintId ? { hintId: e.hintId } : {}) } };
      }
    });
  }
}
