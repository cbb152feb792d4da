import { invokeChannels } from './contract';
import type { Dispatch } from './dispatcher';

/** The part of Electron's ipcMain this needs; injected so the logic is testable without Electron. */
export interface IpcMainLike<E> {
  handle(channel: string, listener: (event: E, args: unknown) => Promise<unknown>): void;
}

/** Registers every contract channel on ipcMain; each checks its sender, then goes through the dispatcher. */
export function registerHandlers<E>(
  ipc: IpcMainLike<E>,
  dispatch: Dispatch,
  isTrustedSender: (event: E) => boolean,
): void {
  for (const channel of invokeChannels) {
    ipc.handle(channel, async (event, args) => {
      if (!isTrustedSender(event)) return { error: { name: 'ForbiddenSender', message: 'IPC sender is not trusted' } };
      return dispatch(channel, args);
    });
  }
}
