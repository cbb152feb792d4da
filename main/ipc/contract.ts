// The one IPC contract between main and the renderer. The preload's API and the main
// handlers are derived from these maps, so a channel is declared once, here.

export interface AppInfo {
  name: string;
  version: string;
  shell: 'electron' | 'browser';
  platform: string;
}

/** Calls the renderer makes: channel → (argument) → result. */
export interface InvokeChannels {
  'app:info': { args: void; result: AppInfo };
}

/** Events main pushes to the renderer: channel → payload. */
export interface EventChannels {
  'app:notice': { level: 'info' | 'warning' | 'error'; message: string };
}

export type InvokeChannel = keyof InvokeChannels;
export type EventChannel = keyof EventChannels;

export const invokeChannels = ['app:info'] as const satisfies readonly InvokeChannel[];
export const eventChannels = ['app:notice'] as const satisfies readonly EventChannel[];

/** What a handler answers: a result, or an error the preload rethrows on the renderer side. */
export type IpcReply<T> = { result: T } | { error: { name: string; message: string; hintId?: string } };

/** The API the preload exposes as `window.sluice`. */
export interface SluiceApi {
  invoke<C extends InvokeChannel>(channel: C, args: InvokeChannels[C]['args']): Promise<InvokeChannels[C]['result']>;
  on<C extends EventChannel>(channel: C, listener: (payload: EventChannels[C]) => void): () => void;
  ready(): void;
}
