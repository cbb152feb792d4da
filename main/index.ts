import { app, BrowserWindow, ipcMain, safeStorage } from 'electron';
import { createDispatcher } from './ipc/dispatcher';
import { EventHub, EventOutlet } from './ipc/event-outlet';
import { registerHandlers } from './ipc/register-handlers';
import { createAppServices, type AppServices } from './services/app-services';
import { join } from 'node:path';
import { createSafeStorageCipher } from './services/secrets/safe-storage-cipher';
import { createFileKeyCipher, type SecretCipher } from './services/secrets/secret-cipher';
import { isTrustedUrl } from './window/security';
import { createMainWindow } from './window/main-window';

const devServerUrl = process.env['ELECTRON_RENDERER_URL'];

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | undefined;
  let services: AppServices | undefined;
  const hub = new EventHub();
  const earlyWarnings: string[] = [];

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  const openWindow = (): BrowserWindow => {
    const window = createMainWindow(devServerUrl);
    const outlet = new EventOutlet((channel, payload) => {
      if (!window.isDestroyed()) window.webContents.send(channel, payload);
    });
    const disconnect = hub.connect(outlet);
    const onReady = (event: Electron.IpcMainEvent): void => {
      if (event.sender === window.webContents) outlet.ready();
    };
    ipcMain.on('app:renderer-ready', onReady);
    window.on('closed', () => {
      disconnect();
      ipcMain.removeListener('app:renderer-ready', onReady);
    });
    for (const message of earlyWarnings) outlet.push('app:notice', { level: 'warning', message });
    return window;
  };

  const secretCipher = async (): Promise<SecretCipher> => {
    try {
      return createSafeStorageCipher(safeStorage, (message) => earlyWarnings.push(message));
    } catch (error) {
      // No OS encryption at all: secrets still never reach the settings file in plain text.
      earlyWarnings.push(`${(error as Error).message}; using a local key file (secret.key, mode 0600) instead`);
      return createFileKeyCipher(join(app.getPath('userData'), 'secret.key'));
    }
  };

  void app.whenReady().then(async () => {
    const cipher = await secretCipher();
    services = createAppServices({
      dataDir: app.getPath('userData'),
      cipher,
      hub,
      info: { name: app.getName(), version: app.getVersion(), shell: 'electron', platform: process.platform },
    });
    registerHandlers(ipcMain, createDispatcher(services.handlers), (event) =>
      isTrustedUrl(event.senderFrame?.url ?? '', devServerUrl),
    );
    mainWindow = openWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = openWindow();
    });
  });

  let closing = false;
  app.on('before-quit', (event) => {
    if (closing || !services) return;
    // Running jobs take a final checkpoint before the app goes.
    closing = true;
    event.preventDefault();
    void services.close().finally(() => app.quit());
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
