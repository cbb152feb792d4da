import { app, BrowserWindow, ipcMain } from 'electron';
import { registerHandlers } from './ipc/register-handlers';
import { isTrustedUrl } from './window/security';
import { createMainWindow } from './window/main-window';

const devServerUrl = process.env['ELECTRON_RENDERER_URL'];

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | undefined;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  void app.whenReady().then(() => {
    registerHandlers(
      ipcMain,
      {
        'app:info': async () => ({
          name: app.getName(),
          version: app.getVersion(),
          shell: 'electron',
          platform: process.platform,
        }),
      },
      (event) => isTrustedUrl(event.senderFrame?.url ?? '', devServerUrl),
    );
    mainWindow = createMainWindow(devServerUrl);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow(devServerUrl);
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
