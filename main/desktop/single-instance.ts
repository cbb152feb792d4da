/** The parts of Electron's app and BrowserWindow this needs; injected so it runs without Electron. */
export interface InstanceApp {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance', listener: () => void): unknown;
  quit(): void;
}

export interface FocusableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/** Brings a window to the front, restoring it first if it was minimized. */
export function focusWindow(window: FocusableWindow | undefined): boolean {
  if (!window || window.isDestroyed()) return false;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
  return true;
}

/**
 * One Sluice per user: two would run the same jobs against the same checkpoints and settings file.
 * A second launch quits at once and the first instance comes to the front. False: this process is
 * the second one and is quitting.
 */
export function claimSingleInstance(app: InstanceApp, currentWindow: () => FocusableWindow | undefined): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => void focusWindow(currentWindow()));
  return true;
}
