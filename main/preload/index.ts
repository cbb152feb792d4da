import { contextBridge, ipcRenderer } from 'electron';
import { eventChannelNames, invokeChannelNames, IpcError } from '../ipc/channel-names';
import type { EventChannel, IpcReply, SluiceApi } from '../ipc/contract';

// Derived from the contract (its names, checked against it at compile time; a sandboxed preload
// cannot load zod): only declared channels pass, so a compromised renderer
// cannot reach arbitrary ipcMain handlers. Arguments are validated in main, by the dispatcher.
const allowedInvoke = new Set<string>(invokeChannelNames);
const allowedEvents = new Set<string>(eventChannelNames);

const api: SluiceApi = {
  async invoke(channel, args) {
    if (!allowedInvoke.has(channel)) throw new Error(`Unknown IPC channel "${channel}"`);
    const reply = (await ipcRenderer.invoke(channel, args)) as IpcReply<never>;
    if ('error' in reply) throw new IpcError(reply.error);
    return reply.result;
  },
  on(channel: EventChannel, listener) {
    if (!allowedEvents.has(channel)) throw new Error(`Unknown IPC event "${channel}"`);
    const wrapped = (_event: unknown, payload: unknown): void => listener(payload as never);
    ipcRenderer.on(channel, wrapped);
    return () => ipcRenderer.removeListener(channel, wrapped);
  },
  ready() {
    ipcRenderer.send('app:renderer-ready');
  },
};

contextBridge.exposeInMainWorld('sluice', api);
