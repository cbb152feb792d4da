import { join } from 'node:path';
import { BrowserWindow, shell } from 'electron';
import type { RestoredWindow } from '../desktop/window-state';
import { APP_ENTRY } from './app-protocol';
import { guardNavigation, secureWebPreferences } from './security';

// Electron-only glue: every decision here lives in a tested module (security.ts, window-state.ts).
export function createMainWindow(devServerUrl: string | undefined, restored: RestoredWindow): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    ...(restored.bounds ?? {}),
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Sluice',
    webPreferences: secureWebPreferences(join(__dirname, '../preload/index.cjs')),
  });

  window.once('ready-to-show', () => {
    if (restored.maximized) window.maximize();
    window.show();
  });
  guardNavigation(window.webContents, devServerUrl, (url) => void shell.openExternal(url));

  if (devServerUrl) void window.loadURL(devServerUrl);
  else void window.loadURL(APP_ENTRY);
  return window;
}
