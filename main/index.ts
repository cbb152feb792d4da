// Electron's entry point: glue only. Every decision lives in a module that takes Electron as an
// injected facade and has a spec (main/desktop, main/window, main/services/secrets); this file is
// not run on machines without Electron (see README, "Desktop shell").
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  net,
  Notification,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  utilityProcess,
} from 'electron';
import { buildMenuTemplate } from './desktop/app-menu';
import { findDocumentation } from './desktop/documentation';
import { createOpenFileHandler } from './desktop/open-file';
import { notifyJobFailures } from './desktop/failure-notifier';
import { notifyLagChanges } from './desktop/lag-notifier';
import { createSaveFileHandler } from './desktop/save-dialog';
import { claimSingleInstance, focusWindow } from './desktop/single-instance';
import { utilityHostLauncher } from './desktop/utility-job-host';
import { restoreWindow, trackWindowState } from './desktop/window-state';
import { createDispatcher } from './ipc/dispatcher';
import { EventHub, EventOutlet } from './ipc/event-outlet';
import { registerHandlers } from './ipc/register-handlers';
import { createAppServices, type AppServices } from './services/app-services';
import { sandboxOptions } from './services/sandbox/sandbox-service';
import { electronPdfPrinter, electronPrintWindow } from './services/reports/electron-pdf';
import { createSafeStorageCipher } from './services/secrets/safe-storage-cipher';
import { createFileKeyCipher, type SecretCipher } from './services/secrets/secret-cipher';
import { storedSecretCount } from './services/settings/stored-secret-count';
import { appSchemePrivileges, registerAppProtocol } from './window/app-protocol';
import { devServerUrl } from './window/dev-server-url';
import { createMainWindow } from './window/main-window';
import { CONTENT_SECURITY_POLICY, hardenSession, isTrustedUrl } from './window/security';

// The dev server only in an unpackaged build and only on loopback (see dev-server-url.ts).
const devServer = devServerUrl(process.env, app.isPackaged);
const rendererDevUrl = devServer.url;
let mainWindow: BrowserWindow | undefined;

if (claimSingleInstance(app, () => mainWindow)) {
  let services: AppServices | undefined;
  const hub = new EventHub();
  const earlyWarnings: string[] = devServer.warning ? [devServer.warning] : [];

  // Before ready: the renderer bundle is served from app://sluice/, not file:// (checklist item 18).
  protocol.registerSchemesAsPrivileged([appSchemePrivileges]);

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  const openWindow = (settings: AppServices['settings']): BrowserWindow => {
    const primary = screen.getPrimaryDisplay();
    const areas = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
    const window = createMainWindow(rendererDevUrl, restoreWindow(settings.windowState(), areas));
    trackWindowState(window, (state) => {
      try {
        settings.setWindowState(state);
      } catch (error) {
        // Losing a window position is not worth an error dialog; the next move saves again.
        console.warn(`Sluice: window state not saved: ${(error as Error).message}`);
      }
    });
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
      if (mainWindow === window) mainWindow = undefined;
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
      const dataDir = app.getPath('userData');
      return createFileKeyCipher(join(dataDir, 'secret.key'), { storedSecrets: storedSecretCount(dataDir) });
    }
  };

  void app.whenReady().then(async () => {
    hardenSession(session.defaultSession);
    registerAppProtocol(protocol, (url) => net.fetch(url), join(__dirname, '../renderer'), CONTENT_SECURITY_POLICY);
    const cipher = await secretCipher();
    const ready = createAppServices({
      dataDir: app.getPath('userData'),
      cipher,
      hub,
      info: { name: app.getName(), version: app.getVersion(), shell: 'electron', platform: process.platform },
      // Each running job in a utility process of its own, built beside this file (electron.vite.config.ts).
      launchJobHost: utilityHostLauncher(utilityProcess.fork, join(__dirname, 'job-host.js')),
      // Every watched cluster's lag monitor, in one utility process.
      launchLagHost: utilityHostLauncher(utilityProcess.fork, join(__dirname, 'lag-host.js')),
      saveFile: createSaveFileHandler({
        defaultDir: app.getPath('downloads'),
        showSaveDialog: (options) =>
          mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options),
      }),
      openFile: createOpenFileHandler({
        showOpenDialog: (options) =>
          mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options),
      }),
      onPreferences: (preferences) => (nativeTheme.themeSource = preferences.theme),
      // PDF reports through Electron's own print path (a hidden window, JavaScript off).
      printPdf: electronPdfPrinter(() => electronPrintWindow(BrowserWindow)),
      // From a checkout (npm start), the first run offers the sandbox broker; an installed app has none.
      sandbox: sandboxOptions(app.isPackaged ? undefined : join(__dirname, '..', '..')),
    });
    services = ready;
    nativeTheme.themeSource = ready.settings.preferences().theme;
    registerHandlers(ipcMain, createDispatcher(ready.handlers), (event) =>
      isTrustedUrl(event.senderFrame?.url ?? '', rendererDevUrl),
    );

    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          platform: process.platform,
          dev: !app.isPackaged,
          send: (action) => hub.emit('app:menu', action),
          openDocumentation: () => {
            const readme = findDocumentation({ resources: process.resourcesPath, app: app.getAppPath() });
            if (readme) void shell.openPath(readme);
            else hub.emit('app:notice', { level: 'info', message: 'The README is not bundled with this build.' });
          },
        }),
      ),
    );
    notifyJobFailures(hub, {
      isSupported: () => Notification.isSupported(),
      create: (options) => new Notification(options),
      openJob: (job) => {
        if (!focusWindow(mainWindow)) mainWindow = openWindow(ready.settings);
        hub.emit('app:menu', { action: 'job:open', job });
      },
    });
    notifyLagChanges(hub, {
      isSupported: () => Notification.isSupported(),
      create: (options) => new Notification(options),
      openGroup: (cluster, group) => {
        if (!focusWindow(mainWindow)) mainWindow = openWindow(ready.settings);
        hub.emit('lag:open', { cluster, group });
      },
    });

    mainWindow = openWindow(ready.settings);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = openWindow(ready.settings);
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
