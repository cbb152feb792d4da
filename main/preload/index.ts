import { contextBridge, ipcRenderer } from 'electron';
import { eventChannels, invokeChannels, type EventChannel, type IpcReply, type SluiceApi } from '../ipc/contract';

// Derived from the contract: only declared channels pass, so a compromised renderer
// cannot reach arbitrary ipcMain handlers.
const allowedInvoke = new Set<string>(invokeChannels);
const allowedEvents = new Set<string>(eventChannels);

const api: SluiceApi = {
  async invoke(channel, args) {
    if (!allowedInvoke.has(channel)) throw new Error(`Unknown IPC channel "${channel}"`);
    const reply = (await ipcRenderer.invoke(channel, args)) as IpcReply<never>;
    if ('error' in reply) {
      const error = new Error(reply.error.message);
      error.name = reply.error.name;
      throw error;
    }
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
