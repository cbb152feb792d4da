// main/index.ts is Electron glue that cannot be launched here (no Electron binary). This spec loads
// it against a stand-in for the `electron` module and checks the wiring: the privileged scheme before
// ready, the single-instance lock, the window's security settings and URL, the IPC sender check, the
// early safeStorage warning, the menu route to the renderer, the save dialog and window state.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { invokeChannels } from './ipc/contract';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const on = (map: Map<string, Listener[]>) => (event: string, listener: Listener) => {
    map.set(event, [...(map.get(event) ?? []), listener]);
  };
  const emit = (map: Map<string, Listener[]>, event: string, ...args: unknown[]) =>
    (map.get(event) ?? []).map((l) => l(...args));
  const calls: string[] = [];
  const appEvents = new Map<string, Listener[]>();
  const handlers = new Map<string, Listener>();
  const ipcListeners = new Map<string, Listener[]>();
  const windows: FakeWindow[] = [];
  let ready!: () => void;
  const whenReady = new Promise<void>((resolve) => (ready = resolve));
  const state = { userData: '', downloads: '', saveTo: '', menu: [] as unknown[], ready, whenReady };

  class FakeWebContents {
    readonly sent: { channel: string; payload: unknown }[] = [];
    readonly events = new Map<string, Listener[]>();
    openHandler: Listener | undefined;
    on = on(this.events);
    send(channel: string, payload: unknown) {
      this.sent.push({ channel, payload });
    }
    setWindowOpenHandler(handler: Listener) {
      this.openHandler = handler;
    }
  }
  class FakeWindow {
    readonly webContents = new FakeWebContents();
    readonly events = new Map<string, Listener[]>();
    readonly log: string[] = [];
    url = '';
    minimized = true;
    constructor(readonly options: Record<string, unknown>) {
      windows.push(this);
    }
    on = on(this.events);
    once = on(this.events);
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
    isDestroyed = () => false;
    isMinimized = () => this.minimized;
    isMaximized = () => false;
    isFullScreen = () => false;
    getNormalBounds = () => ({ x: 40, y: 30, width: 1000, height: 700 });
    restore = () => {
      this.minimized = false;
      this.log.push('restore');
    };
    show = () => this.log.push('show');
    focus = () => this.log.push('focus');
    maximize = () => this.log.push('maximize');
    static getAllWindows = () => windows;
  }

  const electron = {
    app: {
      requestSingleInstanceLock: () => (calls.push('lock'), true),
      on: on(appEvents),
      whenReady: () => whenReady,
      getPath: (name: string) => (name === 'downloads' ? state.downloads : state.userData),
      getName: () => 'Sluice',
      getVersion: () => '9.9.9',
      getAppPath: () => state.userData,
      isPackaged: false,
      quit: () => calls.push('quit'),
    },
    BrowserWindow: FakeWindow,
    dialog: {
      showSaveDialog: async (_parent: unknown, options: { defaultPath: string }) => ({
        canceled: false,
        filePath: state.saveTo || options.defaultPath,
      }),
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    },
    ipcMain: {
      handle: (channel: string, listener: Listener) => handlers.set(channel, listener),
      on: on(ipcListeners),
      removeListener: () => undefined,
    },
    Menu: {
      buildFromTemplate: (template: unknown[]) => template,
      setApplicationMenu: (menu: unknown[]) => (state.menu = menu),
    },
    nativeTheme: { themeSource: 'unset' },
    Notification: class {
      static isSupported = () => false;
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (text: string) => Buffer.from(text).reverse(),
      decryptString: (data: Buffer) => Buffer.from(data).reverse().toString(),
      getSelectedStorageBackend: () => 'basic_text',
    },
    screen: {
      getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
      getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: () => calls.push('csp') },
        setPermissionRequestHandler: () => calls.push('permission-request'),
        setPermissionCheckHandler: () => calls.push('permission-check'),
      },
    },
    shell: { openExternal: async () => undefined, openPath: async () => '' },
    protocol: {
      registerSchemesAsPrivileged: (schemes: { scheme: string }[]) =>
        calls.push(`privileged ${schemes.map((s) => s.scheme).join()}`),
      handle: (scheme: string) => calls.push(`handle ${scheme}`),
    },
    net: { fetch: async () => new Response('') },
    // Job hosts are forked only when a job starts; these tests start none.
    utilityProcess: { fork: () => calls.push('utility-fork') },
  };
  return { electron, calls, appEvents, handlers, ipcListeners, windows, state, emit };
});

vi.mock('electron', () => fake.electron);

const window = () => fake.windows[0]!;
const invoke = (channel: string, args: unknown, url = 'app://sluice/index.html') =>
  fake.handlers.get(channel)!({ senderFrame: { url } }, args) as Promise<unknown>;

beforeAll(async () => {
  fake.state.userData = mkdtempSync(join(tmpdir(), 'sluice-electron-'));
  fake.state.downloads = mkdtempSync(join(tmpdir(), 'sluice-downloads-'));
  delete process.env['ELECTRON_RENDERER_URL'];
  await import('./index');
  expect(fake.calls).toEqual(['lock', 'privileged app']);
  fake.state.ready();
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
});

afterAll(async () => {
  // before-quit stops the services (jobs, connections).
  let prevented = false;
  fake.emit(fake.appEvents, 'before-quit', { preventDefault: () => (prevented = true) });
  expect(prevented).toBe(true);
  await vi.waitFor(() => expect(fake.calls).toContain('quit'));
});

describe('main/index.ts wiring', () => {
  it('hardens the session, serves app:// and opens a locked-down window on it', () => {
    expect(fake.calls).toEqual(expect.arrayContaining(['csp', 'permission-request', 'permission-check', 'handle app']));
    expect(window().url).toBe('app://sluice/index.html');
    expect(window().options['webPreferences']).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(window().webContents.events.has('will-navigate')).toBe(true);
    expect(window().webContents.openHandler!({ url: 'https://x.example/' })).toEqual({ action: 'deny' });
  });

  it('registers every contract channel and refuses calls from any other page', async () => {
    expect([...fake.handlers.keys()].sort()).toEqual([...invokeChannels].sort());
    expect(await invoke('app:info', undefined, 'file:///tmp/evil.html')).toEqual({
      error: { name: 'ForbiddenSender', message: 'IPC sender is not trusted' },
    });
    expect(await invoke('app:info', undefined)).toEqual({
      result: {
        name: 'Sluice',
        version: '9.9.9',
        shell: 'electron',
        platform: process.platform,
        secretBackend: 'safe-storage:basic_text',
      },
    });
  });

  it('warns about basic_text once the window is ready, and only to that window', () => {
    const readyListener = fake.ipcListeners.get('app:renderer-ready')![0]!;
    readyListener({ sender: {} });
    expect(window().webContents.sent).toEqual([]);
    readyListener({ sender: window().webContents });
    expect(window().webContents.sent[0]).toMatchObject({
      channel: 'app:notice',
      payload: { level: 'warning', message: expect.stringMatching(/basic_text/) },
    });
  });

  it('sends menu items to the renderer as app:menu actions', () => {
    type Item = { label?: string; submenu?: Item[]; click?: () => void };
    const items = (fake.state.menu as Item[]).flatMap((m) => m.submenu ?? []);
    items.find((i) => i.label === 'Jobs')!.click!();
    expect(window().webContents.sent.at(-1)).toEqual({ channel: 'app:menu', payload: { action: 'section:jobs' } });
  });

  it('saves files through the native dialog and follows the theme preference natively', async () => {
    fake.state.saveTo = join(fake.state.downloads, 'report.csv');
    expect(await invoke('files:save', { suggestedName: 'report.csv', content: 'a,b\n' })).toEqual({
      result: { saved: true, path: fake.state.saveTo },
    });
    expect(readFileSync(fake.state.saveTo, 'utf8')).toBe('a,b\n');
    await invoke('preferences:set', { theme: 'dark' });
    expect(fake.electron.nativeTheme.themeSource).toBe('dark');
  });

  it('brings the window back on a second launch and remembers its place on close', () => {
    fake.emit(fake.appEvents, 'second-instance');
    expect(window().log).toEqual(['restore', 'show', 'focus']);
    fake.emit(window().events, 'close');
    const settings = JSON.parse(readFileSync(join(fake.state.userData, 'settings.json'), 'utf8'));
    expect(settings.window).toEqual({ x: 40, y: 30, width: 1000, height: 700, maximized: false });
  });
});
