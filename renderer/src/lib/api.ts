import type { SluiceApi } from '../../../main/ipc/contract';

declare global {
  interface Window {
    sluice?: SluiceApi;
  }
}

/** The API the preload (Electron) or the browser-mode client installs; undefined until one does. */
export function getApi(): SluiceApi | undefined {
  return window.sluice;
}
