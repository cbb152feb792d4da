import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { InvokeChannel, InvokeChannels, IpcReply } from './contract';

export type Handlers = {
  [C in InvokeChannel]: (args: InvokeChannels[C]['args']) => Promise<InvokeChannels[C]['result']>;
};

/** Registers one handler per contract channel; each checks its sender before running. */
export function registerHandlers(handlers: Handlers, isTrustedSender: (event: IpcMainInvokeEvent) => boolean): void {
  for (const channel of Object.keys(handlers) as InvokeChannel[]) {
    ipcMain.handle(channel, async (event, args): Promise<IpcReply<unknown>> => {
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
